using Soundscape.Audio.Analysis;

namespace Soundscape.Audio.UnitTests.Analysis;

public sealed class FftTests
{
    [Test]
    public void PowerSpectrum_OfACosineOnABin_HasAllItsEnergyInThatBin()
    {
        const int size = 256;
        var signal = Enumerable.Range(0, size).Select(n => Math.Cos(2 * Math.PI * 10 * n / size)).ToArray();
        var power = new double[(size / 2) + 1];

        new Fft(size).PowerSpectrum(signal, power, new double[size], new double[size]);

        power[10].ShouldBe((size / 2.0) * (size / 2.0), tolerance: 1e-6);
        power.Where((_, k) => k != 10).Sum().ShouldBeLessThan(1e-12);
    }

    [Test]
    public void Forward_KeepsTheEnergyOfTheSignalScaledByItsSize()
    {
        const int size = 1024;
        var random = new Random(3);
        double[] re = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] im = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        double timeEnergy = re.Zip(im, (r, i) => (r * r) + (i * i)).Sum();

        new Fft(size).Forward(re, im);

        re.Zip(im, (r, i) => (r * r) + (i * i)).Sum().ShouldBe(timeEnergy * size, tolerance: 1e-6 * timeEnergy * size);
    }

    [Test]
    public void Create_WithASizeThatIsNotAPowerOfTwo_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Fft(1000));
}
