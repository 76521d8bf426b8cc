using Soundscape.Audio.Playback;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class LayerMixerTests
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;
    private static readonly AudioFormat Mono = new(48_000, 1);

    [Test]
    public void Mixer_WithTwoLayers_SumsThemAtTheirVolumes()
    {
        var mixer = new LayerMixer(Mono);
        mixer.AddLayer(new BufferSource(Enumerable.Repeat(0.5f, 100).ToArray(), Mono), new LayerOptions(Volume: 0.5f));
        mixer.AddLayer(new BufferSource(Enumerable.Repeat(-0.25f, 100).ToArray(), Mono), new LayerOptions(Volume: 1f));

        var output = Signals.Render(mixer, blockFrames: 33);

        output.Length.ShouldBe(100);
        output.ShouldAllBe(s => Math.Abs(s) < 1e-7);
    }

    [Test]
    public void Mixer_WithSixteenLayers_RefusesASeventeenth()
    {
        var mixer = new LayerMixer(Stereo);
        for (var i = 0; i < LayerMixer.MaxLayers; i++)
            mixer.AddLayer(new BufferSource(new float[2], Stereo));

        var error = Should.Throw<InvalidOperationException>(() => mixer.AddLayer(new BufferSource(new float[2], Stereo)));
        error.Message.ShouldContain("at most 16 layers");
    }

    [Test]
    public void Mixer_WithVolumeAboveOne_RefusesTheLayer() =>
        Should.Throw<ArgumentOutOfRangeException>(() =>
            new LayerMixer(Stereo).AddLayer(new BufferSource(new float[2], Stereo), new LayerOptions(Volume: 2f)));

    [Test]
    public void Mixer_EndsWithItsLongestNonLoopingLayer()
    {
        var mixer = new LayerMixer(Mono);
        mixer.AddLayer(new BufferSource(new float[1000], Mono));
        mixer.AddLayer(new BufferSource(new float[300], Mono), new LayerOptions(DelaySeconds: 2000.0 / 48_000));
        mixer.AddLayer(new BufferSource(new float[10], Mono), new LayerOptions(Loop: true));

        Signals.Render(mixer, blockFrames: 256).Length.ShouldBe(2300);
        mixer.Read(new float[256]).ShouldBe(0);
    }

    [Test]
    public void Mixer_OfLoopingLayersOnly_EndsAtItsDuration()
    {
        var mixer = new LayerMixer(Stereo) { Duration = TimeSpan.FromSeconds(0.5) };
        mixer.AddLayer(new BufferSource(Signals.Sine(Stereo, 100, 0.01), Stereo), new LayerOptions(Loop: true));

        Signals.Render(mixer).Length.ShouldBe(48_000);
    }

    [Test]
    public void Mixer_DurationShortenedBelowWhatHasPlayed_EndsTheMix()
    {
        var mixer = new LayerMixer(Mono);
        mixer.AddLayer(new BufferSource(new float[100], Mono), new LayerOptions(Loop: true));
        mixer.Read(new float[480]).ShouldBe(480);
        mixer.Duration = TimeSpan.FromMilliseconds(5); // 240 frames, already passed
        mixer.Read(new float[480]).ShouldBe(0);
    }

    [Test]
    public void Mixer_WithNoLayers_IsEnded() => new LayerMixer(Stereo).Read(new float[64]).ShouldBe(0);

    [Test]
    public void Mixer_LayersOfOtherFormats_AreConvertedToTheMixFormat()
    {
        var mono44 = new AudioFormat(44_100, 1);
        var mixer = new LayerMixer(Stereo);
        mixer.AddLayer(new BufferSource(Signals.Sine(mono44, 1000, 0.5), mono44));

        var output = Signals.Render(mixer);

        output.Length.ShouldBe(48_000);
        Signals.RisingZeroCrossings(Signals.Channel(output, 2, 0)).ShouldBeInRange(499, 500);
        Signals.Channel(output, 2, 1).ShouldBe(Signals.Channel(output, 2, 0));
    }

    [Test]
    public void Mixer_LayerVolumeChangedWhilePlaying_RampsToItOverTheNextBlock()
    {
        var mixer = new LayerMixer(Mono);
        var layer = mixer.AddLayer(new BufferSource(Enumerable.Repeat(0.8f, 30).ToArray(), Mono));
        var block = new float[10];
        mixer.Read(block);
        block.ShouldAllBe(s => s == 0.8f);

        layer.Volume = 0.5f;
        mixer.Read(block);
        for (var i = 0; i < 10; i++)
            block[i].ShouldBe(0.8f * (1f - 0.05f * (i + 1)), 1e-6f); // 0.8 × (1 → 0.5 in ten equal steps)

        mixer.Read(block);
        block.ShouldAllBe(s => Math.Abs(s - 0.4f) < 1e-7f);
    }

    [Test]
    public void Mixer_VolumeChangeOnAPlayingTone_DoesNotStepTheWaveform()
    {
        var mixer = new LayerMixer(Mono);
        var layer = mixer.AddLayer(new BufferSource(Signals.Sine(Mono, 100, 1, amplitude: 1f), Mono), new LayerOptions(Volume: 1f));
        var before = new float[1024];
        mixer.Read(before);
        layer.Volume = 0f;
        var after = new float[1024];
        mixer.Read(after);

        // A 100 Hz tone moves at most 2π·100/48000 ≈ 0.013 per sample; an unramped cut to 0 would jump by up to 1.
        var steepest = (float)(2 * Math.PI * 100 / 48_000);
        Math.Abs(after[0] - before[^1]).ShouldBeLessThan(steepest * 1.01f);
        for (var i = 1; i < after.Length; i++)
            Math.Abs(after[i] - after[i - 1]).ShouldBeLessThan(steepest * 1.01f);
        after[^1].ShouldBe(0f);
    }

    [Test]
    public void Mixer_WithSixteenConvertedLoopingDelayedLayers_AllocatesNothingPerRead()
    {
        var mono44 = new AudioFormat(44_100, 1);
        var mixer = new LayerMixer(Stereo, expectedBlockFrames: 1024);
        for (var i = 0; i < LayerMixer.MaxLayers; i++)
        {
            var source = i % 2 == 0
                ? new BufferSource(Signals.Sine(mono44, 200 + 50 * i, 0.05), mono44)
                : new BufferSource(Signals.Noise(Stereo, 0.05, seed: i), Stereo);
            mixer.AddLayer(source, new LayerOptions(Volume: 0.1f, Loop: true, DelaySeconds: 0.01 * i));
        }
        var limited = new Limiter(mixer);
        var buffer = new float[1024 * 2];

        Allocations.SteadyState(() => limited.Read(buffer), calls: 100).ShouldBe(0);
    }

    [Test]
    public void Mixer_ReadIntoABiggerBufferThanExpected_GrowsAndStillMixes()
    {
        var mixer = new LayerMixer(Mono, expectedBlockFrames: 4);
        mixer.AddLayer(new BufferSource(Enumerable.Repeat(0.5f, 100).ToArray(), Mono), new LayerOptions(Volume: 0.5f));
        var buffer = new float[64];
        mixer.Read(buffer).ShouldBe(64);
        buffer.ShouldAllBe(s => s == 0.25f);
    }
}
