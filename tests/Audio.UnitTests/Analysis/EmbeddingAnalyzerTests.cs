using Soundscape.Audio.Analysis;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Analysis;

/// <summary>The acceptance tests of "every sound gets a calculated embedding": generated signals of known character.</summary>
public sealed class EmbeddingAnalyzerTests
{
    private const double Seconds = 30;
    private static readonly EmbeddingAnalyzer Analyzer = new();

    public enum Axis
    {
        Rain,
        Wind,
        Fire,
        Thunder,
        Waves,
    }

    public static IEnumerable<TestCaseData> Families()
    {
        (int Seed, int Rate)[] variants = [(1, 44_100), (2, 44_100), (3, 22_050)];
        foreach ((int seed, int rate) in variants)
        {
            yield return Case(Axis.Rain, seed, rate, SoundGenerators.Rain);
            yield return Case(Axis.Wind, seed, rate, SoundGenerators.Wind);
            yield return Case(Axis.Fire, seed, rate, SoundGenerators.Fire);
            yield return Case(Axis.Thunder, seed, rate, SoundGenerators.Thunder);
            yield return Case(Axis.Waves, seed, rate, SoundGenerators.Waves);
        }

        static TestCaseData Case(Axis axis, int seed, int rate, Func<double, int, int, float[]> generate) =>
            new TestCaseData(axis, seed, rate, generate).SetArgDisplayNames(axis.ToString(), $"seed {seed}", $"{rate} Hz");
    }

    public static IEnumerable<TestCaseData> Blends()
    {
        foreach (int seed in (int[])[1, 2])
        {
            yield return new TestCaseData(Axis.Rain, Axis.Thunder, seed, (Func<int, float[]>)(s =>
                SoundGenerators.Blend(SoundGenerators.Rain(Seconds, 44_100, s), SoundGenerators.Thunder(Seconds, 44_100, s + 10))))
                .SetArgDisplayNames("rain+thunder", $"seed {seed}");
            yield return new TestCaseData(Axis.Waves, Axis.Wind, seed, (Func<int, float[]>)(s =>
                SoundGenerators.Blend(SoundGenerators.Waves(Seconds, 44_100, s), SoundGenerators.Wind(Seconds, 44_100, s + 10))))
                .SetArgDisplayNames("waves+wind", $"seed {seed}");
        }

        // Crackles carry little energy next to rain, so fire+rain gives rain a fifth of the mix (as the demo does).
        yield return new TestCaseData(Axis.Fire, Axis.Rain, 1, (Func<int, float[]>)(s =>
            SoundGenerators.Blend(SoundGenerators.Fire(Seconds, 44_100, s), SoundGenerators.Rain(Seconds, 44_100, s + 10), 0.2f)))
            .SetArgDisplayNames("fire+rain", "seed 1");
    }

    [TestCaseSource(nameof(Families))]
    public void Analyze_GeneratedFamily_RanksItsOwnAxisClearlyHighest(Axis family, int seed, int rate, Func<double, int, int, float[]> generate)
    {
        double[] axes = Analyzer.Analyze(generate(Seconds, rate, seed), rate).Embedding.ToArray();

        axes[(int)family].ShouldBeGreaterThan(0.5);
        for (int other = 0; other < axes.Length; other++)
        {
            if (other != (int)family)
                axes[other].ShouldBeLessThan(axes[(int)family] - 0.25, $"{(Axis)other} against {family}: [{string.Join(", ", axes.Select(a => a.ToString("F2")))}]");
        }
    }

    [TestCaseSource(nameof(Blends))]
    public void Analyze_BlendOfTwoFamilies_RanksBothOfItsAxesInTheTopTwo(Axis first, Axis second, int seed, Func<int, float[]> blend)
    {
        double[] axes = Analyzer.Analyze(blend(seed), 44_100).Embedding.ToArray();

        double weaker = Math.Min(axes[(int)first], axes[(int)second]);
        weaker.ShouldBeGreaterThan(0.1, $"[{string.Join(", ", axes.Select(a => a.ToString("F2")))}]");
        for (int other = 0; other < axes.Length; other++)
        {
            if (other != (int)first && other != (int)second)
                axes[other].ShouldBeLessThan(weaker, $"{(Axis)other}: [{string.Join(", ", axes.Select(a => a.ToString("F2")))}]");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Analyze_InstrumentalTone_GetsMusicsOwnVectorOnTheDiagonal(int seed)
    {
        // Music is tonal (noisiness far below any noise's ≈0.6) and has a class of its own whose prototype is
        // EmbeddingModel.MusicAxis on every axis: a direction apart from every family's.
        EmbeddingAnalysis analysis = Analyzer.Analyze(SoundGenerators.Tone(Seconds / 2, 44_100, seed), 44_100);

        analysis.Features.Noisiness.ShouldBeLessThan(0.2);
        double[] axes = analysis.Embedding.ToArray();
        axes.ShouldAllBe(axis => Math.Abs(axis - EmbeddingModel.MusicAxis) < 0.05, $"[{string.Join(", ", axes.Select(a => a.ToString("F2")))}]");
    }

    [Test]
    public void Analyze_DigitalSilence_GivesTheZeroVectorAndFiniteFeatures()
    {
        EmbeddingAnalysis analysis = Analyzer.Analyze(new float[44_100 * 5], 44_100);

        analysis.Embedding.ShouldBe(SoundEmbedding.Zero);
        analysis.Features.SilenceRatio.ShouldBe(1);
        AllFeatureValues(analysis.Features).ShouldAllBe(value => double.IsFinite(value));
    }

    [Test]
    public void Analyze_InputShorterThanOneFrame_GivesTheZeroVector()
    {
        Analyzer.Analyze(new float[100], 44_100).Embedding.ShouldBe(SoundEmbedding.Zero);
        Analyzer.Analyze([], 44_100).Embedding.ShouldBe(SoundEmbedding.Zero);
    }

    [Test]
    public void Analyze_ExtremeSignals_KeepEveryAxisInTheUnitIntervalAndEveryFeatureFinite()
    {
        int rate = 16_000;
        var random = new Random(5);
        float[][] signals =
        [
            Enumerable.Range(0, rate * 4).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray(),  // white noise
            Enumerable.Range(0, rate * 4).Select(i => (i / 40) % 2 == 0 ? 1f : -1f).ToArray(),           // full-scale square
            Enumerable.Range(0, rate * 4).Select(_ => 0.5f).ToArray(),                                    // DC offset
            Enumerable.Range(0, rate * 4).Select(i => i % 4000 == 0 ? 1f : 0f).ToArray(),                 // lone clicks
        ];

        foreach (float[] signal in signals)
        {
            EmbeddingAnalysis analysis = Analyzer.Analyze(signal, rate);
            analysis.Embedding.ToArray().ShouldAllBe(axis => axis >= 0 && axis <= 1);
            AllFeatureValues(analysis.Features).ShouldAllBe(value => double.IsFinite(value));
        }
    }

    [Test]
    public void Analyze_TheSameSignalTwice_GivesIdenticalResults()
    {
        float[] signal = SoundGenerators.Blend(SoundGenerators.Fire(10, 22_050, 4), SoundGenerators.Rain(10, 22_050, 4));

        Analyzer.Analyze(signal, 22_050).ShouldBe(Analyzer.Analyze(signal, 22_050));
    }

    [Test]
    public void Analyze_AStereoWavReader_MatchesAnalysingTheMonoSamples()
    {
        float[] mono = SoundGenerators.Waves(12, 22_050, 8);
        var stereo = new float[mono.Length * 2];
        for (int i = 0; i < mono.Length; i++)
            stereo[2 * i] = stereo[(2 * i) + 1] = mono[i];
        var file = new MemoryStream();
        using (var writer = new WavWriter(file, new AudioFormat(22_050, 2), WavSampleEncoding.Float32, leaveOpen: true))
            writer.Write(stereo);
        file.Position = 0;

        using var reader = new WavReader(file);
        EmbeddingAnalysis fromReader = Analyzer.Analyze(reader);

        fromReader.ShouldBe(Analyzer.Analyze(mono, 22_050));
    }

    [Test]
    public void Analyze_LongerThanTheLimit_MeasuresOnlyTheBeginning()
    {
        var analyzer = new EmbeddingAnalyzer(TimeSpan.FromSeconds(5));
        float[] signal = SoundGenerators.Rain(8, 16_000, 1);
        using var reader = new WavReader(new MemoryStream(Wav.WavRoundTripTests.Write(signal, new AudioFormat(16_000, 1), WavSampleEncoding.Float32)));

        EmbeddingAnalysis analysis = analyzer.Analyze(reader);

        analysis.Features.AnalyzedSeconds.ShouldBe(5);
        analysis.ShouldBe(analyzer.Analyze(signal.AsSpan(0, 5 * 16_000), 16_000));
    }

    [Test]
    public void Map_ArbitraryFeatures_AlwaysGivesAxesInTheUnitInterval()
    {
        var random = new Random(11);
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e9, 1e9, 0];
        for (int trial = 0; trial < 2000; trial++)
        {
            double Next() => trial % 10 == 0 ? specials[random.Next(specials.Length)] : random.NextDouble() * 100 * (random.Next(2) == 0 ? 0.01 : 1);
            var features = new AcousticFeatures(Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next(), Next());

            EmbeddingMapping.Map(features).ToArray().ShouldAllBe(axis => axis >= 0 && axis <= 1, features.ToString());
        }
    }

    private static double[] AllFeatureValues(AcousticFeatures f) =>
    [
        f.AnalyzedSeconds, f.SpectralCentroidHz, f.SpectralFlatness, f.Noisiness, f.LowFrequencyRatio, f.HighFrequencyRatio,
        f.TransientsPerSecond, f.SharpTransientsPerSecond, f.TransientStrengthDb, f.CrestFactor, f.SlowModulationDepth, f.ModulationPeriodSeconds,
        f.ModulationPeriodicity, f.LowBandBurstinessDb, f.SilenceRatio,
    ];
}
