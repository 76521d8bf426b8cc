using Soundscape.Audio.Playback;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class SampleRateConverterTests
{
    private static readonly AudioFormat Mono44 = new(44_100, 1);
    private static readonly AudioFormat Mono48 = new(48_000, 1);

    [Test]
    public void Converter_From44k1To48k_KeepsA1kHzToneAt1kHzAndScalesTheLength()
    {
        var tone = Signals.Sine(Mono44, 1000, seconds: 1.0);
        var output = Signals.Render(new SampleRateConverter(new BufferSource(tone, Mono44), 48_000));

        output.Length.ShouldBe(48_000);
        Signals.RisingZeroCrossings(output).ShouldBeInRange(999, 1000);
        Signals.RisingZeroCrossings(output.AsSpan(0, 24_000)).ShouldBeInRange(499, 500);
    }

    [Test]
    public void Converter_From44k1To48k_KeepsTheToneLevel()
    {
        var tone = Signals.Sine(Mono44, 1000, seconds: 1.0);
        var output = Signals.Render(new SampleRateConverter(new BufferSource(tone, Mono44), 48_000));

        // Away from the zero-padded edges the level must be the input's (0.5 / √2).
        var middle = output.AsSpan(4_800, 38_400);
        Signals.Db(Signals.Rms(middle) / (0.5 / Math.Sqrt(2))).ShouldBeInRange(-0.05, 0.05);
    }

    [Test]
    public void Converter_From48kTo44k1_KeepsA1kHzToneAndScalesTheLength()
    {
        var tone = Signals.Sine(Mono48, 1000, seconds: 2.0);
        var output = Signals.Render(new SampleRateConverter(new BufferSource(tone, Mono48), 44_100));

        output.Length.ShouldBe(88_200);
        Signals.RisingZeroCrossings(output).ShouldBeInRange(1999, 2000);
    }

    [Test]
    public void Converter_Downsampling_RemovesToneAboveTheNewNyquist()
    {
        var format = new AudioFormat(96_000, 1);
        var tone = Signals.Sine(format, 30_000, seconds: 0.5);
        var output = Signals.Render(new SampleRateConverter(new BufferSource(tone, format), 48_000));

        // 30 kHz cannot exist at 48 kHz; what is left would alias to 18 kHz. It must be at least 40 dB down.
        Signals.Db(Signals.Rms(output.AsSpan(1000, 20_000)) / Signals.Rms(tone)).ShouldBeLessThan(-40);
    }

    [Test]
    public void Converter_ReadInTinyOrLargeBlocks_GivesTheSameSamples()
    {
        var stereo = new AudioFormat(44_100, 2);
        var noise = Signals.Noise(stereo, seconds: 0.3, seed: 7);
        var small = Signals.Render(new SampleRateConverter(new BufferSource(noise, stereo), 48_000), blockFrames: 1);
        var large = Signals.Render(new SampleRateConverter(new BufferSource(noise, stereo), 48_000), blockFrames: 5000);
        small.ShouldBe(large);
    }

    [Test]
    public void Converter_ReadingInSteadyState_AllocatesNothing()
    {
        var source = new LoopingProvider(new BufferSource(Signals.Noise(Mono44, 0.1, seed: 3), Mono44));
        var converter = new SampleRateConverter(source, 48_000);
        var buffer = new float[1024];

        Allocations.SteadyState(() => converter.Read(buffer), calls: 200).ShouldBe(0);
    }
}
