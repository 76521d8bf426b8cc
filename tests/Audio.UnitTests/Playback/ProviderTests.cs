using Soundscape.Audio.Playback;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class ProviderTests
{
    private static readonly AudioFormat Mono = new(48_000, 1);
    private static readonly AudioFormat Stereo = new(48_000, 2);

    [Test]
    public void BufferSource_ReadsItsSamplesThenEnds()
    {
        var source = new BufferSource([1, 2, 3, 4, 5, 6], Stereo);
        var buffer = new float[4];
        source.Read(buffer).ShouldBe(4);
        buffer.ShouldBe([1f, 2, 3, 4]);
        source.Read(buffer).ShouldBe(2);
        buffer[..2].ShouldBe([5f, 6]);
        source.Read(buffer).ShouldBe(0);
    }

    [Test]
    public void BufferSource_WithPartialFrame_IsRefused() =>
        Should.Throw<ArgumentException>(() => new BufferSource([1, 2, 3], Stereo));

    [Test]
    public void LoopingProvider_ContinuesWithTheFirstSampleRightAfterTheLast()
    {
        var looped = new LoopingProvider(new BufferSource([1, 2, 3], Mono));
        var buffer = new float[8];
        looped.Read(buffer).ShouldBe(8);
        buffer.ShouldBe([1f, 2, 3, 1, 2, 3, 1, 2]);
        looped.Read(buffer).ShouldBe(8);
        buffer.ShouldBe([3f, 1, 2, 3, 1, 2, 3, 1]);
    }

    [Test]
    public void LoopingProvider_OverAnEmptySource_EndsInsteadOfSpinning() =>
        new LoopingProvider(new BufferSource([], Mono)).Read(new float[16]).ShouldBe(0);

    [Test]
    public void LoopingProvider_OverASourceThatCannotRewind_IsRefused() =>
        Should.Throw<ArgumentException>(() => new LoopingProvider(new NAudio.Wave.SampleProviders.OffsetSampleProvider(new BufferSource([1], Mono)) { DelayBySamples = 1 }));

    [Test]
    public void Conversion_MonoToStereo_CopiesTheChannel()
    {
        var output = Signals.Render(new BufferSource([0.1f, 0.2f], Mono).ConvertTo(new AudioFormat(48_000, 2)));
        output.ShouldBe([0.1f, 0.1f, 0.2f, 0.2f]);
    }

    [Test]
    public void Conversion_StereoToMono_Averages()
    {
        var output = Signals.Render(new BufferSource([1f, 0f, 0.5f, -0.5f], Stereo).ConvertTo(new AudioFormat(48_000, 1)));
        output.ShouldBe([0.5f, 0f]);
    }

    [Test]
    public void Conversion_OverLongInput_ConvertsAcrossItsInternalChunks()
    {
        var input = Enumerable.Range(0, 5000).Select(i => i / 5000f).ToArray();
        var output = Signals.Render(new BufferSource(input, Mono).ConvertTo(new AudioFormat(48_000, 2)), blockFrames: 3000);
        output.Length.ShouldBe(10_000);
        output[2 * 4321].ShouldBe(input[4321]);
        output[2 * 4321 + 1].ShouldBe(input[4321]);
    }
}
