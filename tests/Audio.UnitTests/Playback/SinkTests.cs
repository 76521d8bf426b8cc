using Soundscape.Audio.Playback;
using Soundscape.Audio.Playback.Sinks;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class SinkTests
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;

    [Test]
    public void AlsaSink_WithoutASoundCard_FailsWithAClearMessage()
    {
        // This machine has no sound card (and the test also holds where libasound is not installed at all).
        using var sink = new AlsaSink("default");
        var error = Should.Throw<AudioOutputException>(() => sink.Open(Stereo));
        error.Message.ShouldStartWith("ALSA output 'default' could not open: ");
        TestContext.Out.WriteLine(error.Message);
    }

    [Test]
    public void AlsaSink_WithAnUnknownDevice_NamesTheDeviceInTheMessage()
    {
        using var sink = new AlsaSink("hw:99,0");
        Should.Throw<AudioOutputException>(() => sink.Open(Stereo)).Message
            .ShouldStartWith("ALSA output 'hw:99,0' could not open: ");
    }

    [Test]
    public void Factory_ChoosesTheOutputByName()
    {
        AudioOutputFactory.Create(new AudioOutputOptions { Output = "null" }).ShouldBeOfType<NullSink>();
        AudioOutputFactory.Create(new AudioOutputOptions { Output = "ALSA", Device = "plughw:1" })
            .ShouldBeOfType<AlsaSink>().Device.ShouldBe("plughw:1");
        AudioOutputFactory.Create(new AudioOutputOptions { Output = "wav", FilePath = "/tmp/x.wav" })
            .ShouldBeOfType<WavFileSink>().Path.ShouldBe("/tmp/x.wav");
    }

    [Test]
    public void Factory_WithAnUnknownName_ListsTheKnownOnes() =>
        Should.Throw<AudioOutputException>(() => AudioOutputFactory.Create(new AudioOutputOptions { Output = "pulse" }))
            .Message.ShouldBe("Unknown audio output 'pulse'. Choose one of: alsa, wav, null.");

    [Test]
    public void Factory_WavWithoutAPath_SaysThePathIsMissing() =>
        Should.Throw<AudioOutputException>(() => AudioOutputFactory.Create(new AudioOutputOptions { Output = "wav" }))
            .Message.ShouldContain("needs a file path");

    [Test]
    public void WavFileSink_InAMissingFolder_FailsWithAClearMessage()
    {
        using var sink = new WavFileSink("/nonexistent-folder/out.wav");
        Should.Throw<AudioOutputException>(() => sink.Open(Stereo)).Message
            .ShouldStartWith("WAV output '/nonexistent-folder/out.wav' could not open: ");
    }

    [TestCase(WavSampleEncoding.Float32, 0.0)]
    [TestCase(WavSampleEncoding.Pcm16, 1.0 / 32767)]
    public void WavFileSink_WritesWhatItIsGiven(WavSampleEncoding encoding, double tolerance)
    {
        using var temp = new TempDirectory();
        var samples = Signals.Noise(Stereo, 0.25, seed: 5);
        var path = temp.File("out.wav");
        using (var sink = new WavFileSink(path, encoding))
        {
            sink.Open(Stereo);
            for (var at = 0; at < samples.Length; at += 1000)
                sink.Write(samples.AsSpan(at, Math.Min(1000, samples.Length - at)));
            sink.Close();
        }

        using var reader = WavReader.Open(path);
        reader.Format.ShouldBe(Stereo);
        reader.Encoding.ShouldBe(encoding);
        var back = Signals.Render(new AudioReaderSource(() => WavReader.Open(path)));
        back.Length.ShouldBe(samples.Length);
        for (var i = 0; i < samples.Length; i++)
            ((double)Math.Abs(back[i] - samples[i])).ShouldBeLessThanOrEqualTo(tolerance + 1e-7);
    }

    [TestCase(1.0, 1000)]
    [TestCase(0.5, 4096)]
    [TestCase(0.3, 777)]
    public void WavFileSink_WithAMaxFileDuration_RotatesIntoTwoFiles_NeverHoldingMore(double maxSeconds, int blockFrames)
    {
        using var temp = new TempDirectory();
        var path = temp.File("room.wav");
        var format = new AudioFormat(8000, 2);
        var maxFrames = (long)Math.Round(maxSeconds * format.SampleRate);
        // 10.25 s of a ramp, so the frames in each file tell where in the stream they came from.
        var totalFrames = 82_000;
        var stream = Enumerable.Range(0, totalFrames * 2).Select(i => (i / 2 % 30_000) / 32_768f).ToArray();
        long largest = 0;
        using (var sink = new WavFileSink(path, WavSampleEncoding.Float32, TimeSpan.FromSeconds(maxSeconds)))
        {
            sink.Open(format);
            for (var at = 0; at < stream.Length; at += blockFrames * 2)
            {
                sink.Write(stream.AsSpan(at, Math.Min(blockFrames * 2, stream.Length - at)));
                largest = Math.Max(largest, new FileInfo(path).Length + (File.Exists(sink.PreviousPath) ? new FileInfo(sink.PreviousPath).Length : 0));
            }
            sink.Close();
            sink.Rotations.ShouldBe((int)((totalFrames - 1) / maxFrames));
            sink.PreviousPath.ShouldBe(temp.File("room.1.wav"));
        }

        Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order().ShouldBe(["room.1.wav", "room.wav"]);
        var current = Signals.Render(new AudioReaderSource(() => WavReader.Open(path)));
        var previous = Signals.Render(new AudioReaderSource(() => WavReader.Open(temp.File("room.1.wav"))));
        var lastFrames = totalFrames - (totalFrames - 1) / maxFrames * maxFrames;
        (current.Length / 2).ShouldBe((int)lastFrames);
        (previous.Length / 2).ShouldBe((int)maxFrames);
        // Together they are the end of the stream, in order.
        previous.Concat(current).ToArray().ShouldBe(stream[^(previous.Length + current.Length)..]);
        largest.ShouldBeLessThanOrEqualTo(2 * (44 + 8 * maxFrames) + 200, "two files of at most the maximum duration (float32 stereo, 8 bytes a frame)");
    }

    [Test]
    public void WavFileSink_WithoutAMaxFileDuration_KeepsOneFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("room.wav");
        using (var sink = new WavFileSink(path))
        {
            sink.Open(new AudioFormat(8000, 1));
            sink.Write(new float[80_000]);
            sink.Rotations.ShouldBe(0);
        }

        File.Exists(temp.File("room.1.wav")).ShouldBeFalse();
        using var reader = WavReader.Open(path);
        reader.TotalFrames.ShouldBe(80_000);
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    public void WavFileSink_WithANonPositiveMaxFileDuration_IsRefused(double seconds) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new WavFileSink("room.wav", maxFileDuration: TimeSpan.FromSeconds(seconds)));

    [Test]
    public void NullSink_CountsTheFramesItDiscards()
    {
        var sink = new NullSink();
        sink.Open(Stereo);
        sink.Write(new float[200]);
        sink.FramesWritten.ShouldBe(100);
    }

    [Test]
    public void Pump_WritesTheWholeSourceInBlocksAndClosesTheSink()
    {
        var source = new BufferSource(Signals.Noise(Stereo, 0.1, seed: 9), Stereo);
        var sink = new CaptureSink();

        var frames = new PlaybackPump(new PlaybackPumpOptions { BlockFrames = 1000 }).Run(source, sink);

        frames.ShouldBe(4800);
        sink.Format.ShouldBe(Stereo);
        sink.Samples.Count.ShouldBe(9600);
        sink.Writes.ShouldBe(5);
        sink.Closed.ShouldBeTrue();
    }

    [Test]
    public void Pump_WhenCancelled_StopsAndClosesTheSink()
    {
        using var cancellation = new CancellationTokenSource();
        var endless = new LoopingProvider(new BufferSource(new float[256], Stereo));
        var sink = new CaptureSink { OnWrite = () => cancellation.Cancel() };

        var frames = new PlaybackPump().Run(endless, sink, cancellation.Token);

        frames.ShouldBe(1024);
        sink.Closed.ShouldBeTrue();
    }

    [Test]
    public async Task Pump_RunAsync_ReturnsTheFramesWritten()
    {
        var source = new BufferSource(new float[2 * 5000], Stereo);
        var frames = await new PlaybackPump().RunAsync(source, new NullSink());
        frames.ShouldBe(5000);
    }
}
