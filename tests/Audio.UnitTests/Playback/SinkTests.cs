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
