using Soundscape.Audio.Playback.Sinks;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class AlsaSinkTests
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;
    private const int BrokenPipe = -32; // -EPIPE: an underrun

    [Test]
    public void AlsaSink_WhenLibasoundIsMissing_FailsWithAClearMessage()
    {
        var alsa = new FakeAlsa { ThrowOnOpen = new DllNotFoundException("libasound.so.2: cannot open shared object file") };
        using var sink = new AlsaSink("default", null, alsa);

        var error = Should.Throw<AudioOutputException>(() => sink.Open(Stereo));

        error.Message.ShouldBe(
            "ALSA output 'default' could not open: libasound.so.2 is not installed (install the libasound2 package).");
        error.InnerException.ShouldBeOfType<DllNotFoundException>();
    }

    [Test]
    public void AlsaSink_WhenTheCardRefusesTheFormat_ClosesTheDeviceAndSaysWhy()
    {
        var alsa = new FakeAlsa { SetParamsResult = -22 };
        using var sink = new AlsaSink("hw:0,0", null, alsa);

        Should.Throw<AudioOutputException>(() => sink.Open(Stereo)).Message
            .ShouldBe("ALSA output 'hw:0,0' could not open: it does not accept 48000 Hz, 2 ch, float32: fake error -22.");
        alsa.Calls.ShouldBe(["open hw:0,0", "set_params 48000 2", "close"]);
    }

    [Test]
    public void AlsaSink_AfterAnUnderrun_RecoversAndWritesTheRest()
    {
        var alsa = new FakeAlsa { WriteResults = new Queue<long>([300, BrokenPipe]) };
        using var sink = new AlsaSink("default", null, alsa);
        sink.Open(Stereo);

        sink.Write(new float[2 * 1000]);

        alsa.FramesPlayed.ShouldBe(1000);
        alsa.Calls.ShouldContain($"recover {BrokenPipe}");
        alsa.Calls[^1].ShouldBe("writei 700 -> 700");
    }

    [Test]
    public void AlsaSink_WhenRecoveryFails_ThrowsAnOutputError()
    {
        var alsa = new FakeAlsa { WriteResults = new Queue<long>([-19]), RecoverResult = -19 };
        using var sink = new AlsaSink("default", null, alsa);
        sink.Open(Stereo);

        Should.Throw<AudioOutputException>(() => sink.Write(new float[64])).Message
            .ShouldBe("ALSA output 'default' failed while playing: fake error -19");
    }

    [Test]
    public void AlsaSink_Close_DrainsThenClosesOnce()
    {
        var alsa = new FakeAlsa();
        var sink = new AlsaSink("default", null, alsa);
        sink.Open(Stereo);
        sink.Close();
        sink.Dispose();
        alsa.Calls.ShouldBe(["open default", "set_params 48000 2", "drain", "close"]);
    }
}
