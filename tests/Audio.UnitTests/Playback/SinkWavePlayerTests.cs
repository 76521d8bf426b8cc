using Soundscape.Audio.Playback;
using Soundscape.Audio.Playback.Sinks;

namespace Soundscape.Audio.UnitTests.Playback;

/// <summary>The output as NAudio's IWavePlayer: fed the way NAudio code feeds any player.</summary>
public sealed class SinkWavePlayerTests
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;

    [Test]
    public async Task Player_InitialisedWithASampleProvider_WritesEverySampleToTheSinkThenStops()
    {
        var samples = Enumerable.Range(0, 2 * 5000).Select(i => (i % 200 - 100) / 100f).ToArray();
        var sink = new CaptureSink();
        using var player = new SinkWavePlayer(sink);
        StoppedEventArgs? stopped = null;
        player.PlaybackStopped += (_, e) => stopped = e;

        player.Init(new BufferSource(samples, Stereo)); // NAudio's extension: the provider as IEEE float bytes
        player.Play();
        var frames = await player.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        frames.ShouldBe(5000);
        sink.Samples.ShouldBe(samples);
        sink.Format.ShouldBe(Stereo);
        sink.Closed.ShouldBeTrue();
        player.PlaybackState.ShouldBe(PlaybackState.Stopped);
        stopped.ShouldNotBeNull().Exception.ShouldBeNull();
    }

    [Test]
    public async Task Player_WhoseSinkCannotOpen_StopsWithTheSinksException()
    {
        using var player = new SinkWavePlayer(new AlsaSink("soundscape-no-such-device"));
        player.Init(new BufferSource(new float[96], Stereo));
        player.Play();

        await Should.ThrowAsync<AudioOutputException>(() => player.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Player_GivenSixteenBitSamples_RefusesThemNamingTheFormat()
    {
        using var player = new SinkWavePlayer(new CaptureSink());
        var pcm16 = new NAudio.Wave.SampleProviders.SampleToWaveProvider16(new BufferSource(new float[4], Stereo));

        Should.Throw<ArgumentException>(() => player.Init(pcm16)).Message.ShouldContain("IEEE float 32-bit");
    }

    [Test]
    public void Player_Pause_IsRefused()
    {
        using var player = new SinkWavePlayer(new CaptureSink());
        Should.Throw<NotSupportedException>(player.Pause);
    }
}
