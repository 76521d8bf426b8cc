using Soundscape.Audio.Playback;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class AudioReaderSourceTests
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;

    [Test]
    public void WavSource_Looped_RepeatsTheFileSampleExactly()
    {
        using var temp = new TempDirectory();
        var path = temp.File("clip.wav");
        var clip = Signals.Noise(Stereo, 0.01, seed: 11); // 480 frames
        using (var writer = WavWriter.Create(path, Stereo, WavSampleEncoding.Float32))
            writer.Write(clip);

        using var source = AudioReaderSource.OpenWav(path);
        var looped = Signals.Render(new LoopingProvider(source), maxFrames: 1200, blockFrames: 500);

        looped.Length.ShouldBe(2400);
        looped.AsSpan(0, 960).ToArray().ShouldBe(clip);
        looped.AsSpan(960, 960).ToArray().ShouldBe(clip);
        looped.AsSpan(1920, 480).ToArray().ShouldBe(clip.AsSpan(0, 480).ToArray());
    }

    [Test]
    public void Source_OverAReaderThatReturnsShortReads_StillFillsEachBuffer()
    {
        var reader = new TrickleReader(Enumerable.Range(0, 100).Select(i => (float)i).ToArray());
        var source = new AudioReaderSource(() => reader);
        var buffer = new float[64];
        source.Read(buffer).ShouldBe(64);
        buffer[63].ShouldBe(63f);
        source.Read(buffer).ShouldBe(36);
    }

    [Test]
    public void ConvertTo_TheSameFormat_ReturnsTheSourceItself()
    {
        var source = new BufferSource(new float[4], Stereo);
        source.ConvertTo(Stereo).ShouldBeSameAs(source);
    }

    /// <summary>A reader that hands out at most three samples per read, as a pipe-fed decoder may.</summary>
    private sealed class TrickleReader(float[] samples) : IAudioReader
    {
        private int _position;

        public AudioFormat Format { get; } = new(48_000, 1);

        public long? TotalFrames => samples.Length;

        public TimeSpan? Duration => null;

        public int Read(Span<float> destination)
        {
            var count = Math.Min(Math.Min(3, destination.Length), samples.Length - _position);
            samples.AsSpan(_position, count).CopyTo(destination);
            _position += count;
            return count;
        }

        public void Dispose()
        {
        }
    }
}
