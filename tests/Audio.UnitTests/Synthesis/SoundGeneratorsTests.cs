using Soundscape.Audio.Analysis;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.UnitTests.Support;

namespace Soundscape.Audio.UnitTests.Synthesis;

public sealed class SoundGeneratorsTests
{
    private const int Rate = 22_050;

    public static IEnumerable<TestCaseData> Families()
    {
        yield return new TestCaseData((Func<double, int, int, float[]>)SoundGenerators.Rain).SetArgDisplayNames("Rain");
        yield return new TestCaseData((Func<double, int, int, float[]>)SoundGenerators.Wind).SetArgDisplayNames("Wind");
        yield return new TestCaseData((Func<double, int, int, float[]>)SoundGenerators.Fire).SetArgDisplayNames("Fire");
        yield return new TestCaseData((Func<double, int, int, float[]>)SoundGenerators.Thunder).SetArgDisplayNames("Thunder");
        yield return new TestCaseData((Func<double, int, int, float[]>)SoundGenerators.Waves).SetArgDisplayNames("Waves");
        yield return new TestCaseData((Func<double, int, int, float[]>)SoundGenerators.Tone).SetArgDisplayNames("Tone");
    }

    [TestCaseSource(nameof(Families))]
    public void Generate_WithTheSameSeed_GivesIdenticalSamples(Func<double, int, int, float[]> generate) =>
        generate(3, Rate, 42).ShouldBe(generate(3, Rate, 42));

    [TestCaseSource(nameof(Families))]
    public void Generate_WithAnotherSeed_GivesOtherSamples(Func<double, int, int, float[]> generate) =>
        generate(3, Rate, 42).SequenceEqual(generate(3, Rate, 43)).ShouldBeFalse();

    [TestCaseSource(nameof(Families))]
    public void Generate_GivesTheAskedLengthNormalisedToTheCommonPeak(Func<double, int, int, float[]> generate)
    {
        float[] samples = generate(2.5, Rate, 7);

        samples.Length.ShouldBe((int)(2.5 * Rate));
        samples.Max(Math.Abs).ShouldBe(SoundGenerators.Peak, tolerance: 1e-6);
    }

    [Test]
    public void Wind_HasMostOfItsEnergyBelow500Hz() =>
        EnergyFractionBetween(SoundGenerators.Wind(4, Rate, 1), 0, 500).ShouldBeGreaterThan(0.8);

    [Test]
    public void Rain_HasMostOfItsEnergyAbove1kHz() =>
        EnergyFractionBetween(SoundGenerators.Rain(4, Rate, 1), 1000, Rate / 2.0).ShouldBeGreaterThan(0.7);

    [Test]
    public void Thunder_IsNearSilentMostOfTheTime() =>
        QuietBlockFraction(SoundGenerators.Thunder(30, Rate, 1)).ShouldBeGreaterThan(0.3);

    [Test]
    public void Waves_RiseAndFallByMoreThan20Decibels()
    {
        double[] levels = BlockRms(SoundGenerators.Waves(20, Rate, 1), Rate);

        (20 * Math.Log10(levels.Max() / levels.Min())).ShouldBeGreaterThan(20);
    }

    [Test]
    public void Tone_PlaysNotesOfItsScale()
    {
        float[] samples = SoundGenerators.Tone(1.0, Rate, 3);
        double[] scale = [220.00, 246.94, 277.18, 329.63, 369.99, 440.00, 493.88, 554.37];

        double frequency = TestSignals.DominantFrequency(samples.AsSpan(0, Rate / 2), Rate);

        scale.Min(note => Math.Abs(note - frequency)).ShouldBeLessThan(5);
    }

    [Test]
    public void Blend_WeighsEachSignalAndPadsTheShorterWithSilence() =>
        SoundGenerators.Blend([1f, 1f, 1f], [0f, 0.5f], weightOfB: 0.25f).ShouldBe([0.75f, 0.875f, 0.75f]);

    private static double EnergyFractionBetween(float[] samples, double lowHz, double highHz)
    {
        const int size = 4096;
        var fft = new Fft(size);
        var power = new double[(size / 2) + 1];
        double inside = 0, total = 0;
        for (int start = 0; start + size <= samples.Length; start += size)
        {
            var frame = new double[size];
            for (int i = 0; i < size; i++)
                frame[i] = samples[start + i];
            fft.PowerSpectrum(frame, power, new double[size], new double[size]);
            for (int k = 1; k < power.Length; k++)
            {
                double hz = (double)k * Rate / size;
                total += power[k];
                if (hz >= lowHz && hz < highHz)
                    inside += power[k];
            }
        }

        return inside / total;
    }

    private static double QuietBlockFraction(float[] samples)
    {
        double[] levels = BlockRms(samples, Rate / 10);
        return levels.Count(level => level < 0.01 * SoundGenerators.Peak) / (double)levels.Length;
    }

    private static double[] BlockRms(float[] samples, int blockLength) =>
        Enumerable.Range(0, samples.Length / blockLength)
            .Select(b => Math.Sqrt(samples.AsSpan(b * blockLength, blockLength).ToArray().Average(s => (double)s * s)))
            .ToArray();
}
