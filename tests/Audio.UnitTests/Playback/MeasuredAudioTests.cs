using Soundscape.Audio.Playback;
using Soundscape.Audio.Playback.Sinks;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Playback;

/// <summary>
/// The acceptance measurements: mixes rendered through the limiter and the pump into a WAV file, read back,
/// and measured.
/// </summary>
public sealed class MeasuredAudioTests
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;
    private static readonly AudioFormat Mono44 = new(44_100, 1);
    private const int Rate = 48_000;

    [Test]
    public void Mix_EachLayerStartsAtItsDelayWithin10ms()
    {
        double[] delays = [0.0, 0.25, 0.6, 1.05];
        double[] frequencies = [300, 700, 1100, 1900];
        var mixer = new LayerMixer(Stereo);
        for (var i = 0; i < delays.Length; i++)
        {
            // Every other burst comes from a 44.1 kHz mono file, so the delay survives conversion too.
            var format = i % 2 == 1 ? Mono44 : Stereo;
            var burst = Signals.Sine(format, frequencies[i], seconds: 0.1, amplitude: 0.4f);
            mixer.AddLayer(new BufferSource(burst, format), new LayerOptions(DelaySeconds: delays[i]));
        }

        var left = Signals.Channel(RenderThroughWav(new Limiter(mixer)), 2, 0);

        for (var i = 0; i < delays.Length; i++)
        {
            // Bursts last 100 ms and start at least 250 ms apart: search from 50 ms before each expected onset.
            var from = Math.Max(0, (int)((delays[i] - 0.05) * Rate));
            var onset = Signals.Onset(left, threshold: 0.05f, from);
            var errorMs = (onset - delays[i] * Rate) * 1000.0 / Rate;
            TestContext.Out.WriteLine($"layer {i}: onset error {errorMs:F3} ms");
            errorMs.ShouldBeInRange(-10, 10);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Mix_RelativeLayerLevelsMatchTheirVolumesWithinHalfADecibel(bool secondLayerNeedsConversion)
    {
        var mixer = new LayerMixer(Stereo);
        mixer.AddLayer(new BufferSource(Signals.Sine(Stereo, 500, 2, amplitude: 0.4f), Stereo), new LayerOptions(Volume: 1f));
        var format = secondLayerNeedsConversion ? Mono44 : Stereo;
        mixer.AddLayer(new BufferSource(Signals.Sine(format, 1250, 2, amplitude: 0.4f), format), new LayerOptions(Volume: 0.5f));
        mixer.AddLayer(new BufferSource(Signals.Noise(Stereo, 2, seed: 4, amplitude: 0.05f), Stereo), new LayerOptions(Volume: 0.2f));

        var left = Signals.Channel(RenderThroughWav(new Limiter(mixer)), 2, 0);

        // One second from the middle: whole periods of both tones, away from the resampler's padded edges.
        var middle = left.AsSpan(Rate / 2, Rate);
        var loud = Signals.ToneRms(middle, Rate, 500);
        var quiet = Signals.ToneRms(middle, Rate, 1250);
        var difference = Signals.Db(quiet / loud);
        TestContext.Out.WriteLine($"level difference {difference:F3} dB (expected {Signals.Db(0.5):F3})");
        difference.ShouldBeInRange(Signals.Db(0.5) - 0.5, Signals.Db(0.5) + 0.5);
        Signals.Db(loud / (0.4 / Math.Sqrt(2))).ShouldBeInRange(-0.5, 0.5);
    }

    [Test]
    public void Mix_LoopedToneOfWholePeriods_HasNoGapAndNoClickAtTheSeams()
    {
        // 480 Hz at 48 kHz: a period of exactly 100 samples; the clip is 10 periods.
        var clipFrames = 1000;
        var clip = Signals.SineFrames(Stereo, 480, clipFrames);
        var mixer = new LayerMixer(Stereo) { Duration = TimeSpan.FromSeconds(1) };
        mixer.AddLayer(new BufferSource(clip, Stereo), new LayerOptions(Loop: true, DelaySeconds: 0.1));

        var left = Signals.Channel(RenderThroughWav(new Limiter(mixer)), 2, 0);
        var start = (int)(0.1 * Rate);
        var looped = left.AsSpan(start);

        LongestNearSilentRun(looped).ShouldBeLessThanOrEqualTo(1); // a lone zero crossing, never a gap
        var insideClip = MaxStep(Signals.Channel(clip, 2, 0));
        for (var seam = clipFrames; seam < looped.Length; seam += clipFrames)
            Math.Abs(looped[seam] - looped[seam - 1]).ShouldBeLessThanOrEqualTo(insideClip + 1e-6f, $"seam at {seam}");
        looped[clipFrames..(2 * clipFrames)].ToArray().ShouldBe(Signals.Channel(clip, 2, 0));
    }

    [Test]
    public void Mix_LoopedToneFromAnotherRate_StaysContinuousAfterConversion()
    {
        // 441 Hz at 44.1 kHz: 100 samples a period; looped at its own rate, then resampled to 48 kHz.
        var clip = Signals.SineFrames(Mono44, 441, 2000);
        var mixer = new LayerMixer(Stereo) { Duration = TimeSpan.FromSeconds(1) };
        mixer.AddLayer(new BufferSource(clip, Mono44), new LayerOptions(Loop: true));

        var left = Signals.Channel(RenderThroughWav(new Limiter(mixer)), 2, 0);

        // A 441 Hz sine of amplitude 0.5 moves at most 2π·441·0.5/48000 per sample anywhere, seams included.
        var steepest = 2 * Math.PI * 441 * 0.5 / Rate;
        var body = left.AsSpan(100, left.Length - 100); // after the resampler's zero-padded start
        ((double)MaxStep(body)).ShouldBeLessThanOrEqualTo(steepest * 1.01);
        LongestNearSilentRun(body).ShouldBeLessThanOrEqualTo(1);
    }

    [Test]
    public void Queue_CrossfadeBetweenTwoMixes_DipsNoMoreThan3dB()
    {
        var queue = new CrossfadeQueue(Stereo);
        queue.Enqueue(NoiseMix(seed: 10));
        queue.Enqueue(NoiseMix(seed: 20));

        var left = Signals.Channel(RenderThroughWav(new Limiter(queue)), 2, 0);
        left.Length.ShouldBe(5 * Rate);

        var reference = Signals.Rms(left.AsSpan(0, Rate));
        var lowest = double.MaxValue;
        for (var start = 0; start + 960 <= left.Length; start += 960)
            lowest = Math.Min(lowest, Signals.Db(Signals.Rms(left.AsSpan(start, 960)) / reference));
        TestContext.Out.WriteLine($"deepest 20 ms level through the fade: {lowest:F2} dB");
        lowest.ShouldBeGreaterThan(-3.0);
    }

    [TestCase(WavSampleEncoding.Float32)]
    [TestCase(WavSampleEncoding.Pcm16)]
    public void Mix_OfSixteenFullScaleLayers_NeverExceedsFullScale(WavSampleEncoding encoding)
    {
        var mixer = new LayerMixer(Stereo);
        for (var i = 0; i < LayerMixer.MaxLayers; i++)
        {
            // In-phase and slightly detuned full-scale tones: the sum reaches 16 × full scale.
            var tone = Signals.Sine(Stereo, 200 + i, 1, amplitude: 1f);
            mixer.AddLayer(new BufferSource(tone, Stereo), new LayerOptions(Volume: 1f));
        }

        var output = RenderThroughWav(new Limiter(mixer), encoding);

        output.Length.ShouldBe(2 * Rate);
        Signals.Peak(output).ShouldBeLessThanOrEqualTo(1f);
        Signals.Peak(output).ShouldBeGreaterThan(0.99f);
    }

    private static LayerMixer NoiseMix(int seed)
    {
        var mix = new LayerMixer(Stereo) { Duration = TimeSpan.FromSeconds(4) };
        mix.AddLayer(new BufferSource(Signals.Noise(Stereo, 1, seed, amplitude: 0.3f), Stereo), new LayerOptions(Loop: true));
        mix.AddLayer(new BufferSource(Signals.Noise(Stereo, 0.7, seed + 1, amplitude: 0.3f), Stereo),
            new LayerOptions(Volume: 0.5f, Loop: true));
        return mix;
    }

    private static float[] RenderThroughWav(ISampleProvider mix, WavSampleEncoding encoding = WavSampleEncoding.Float32)
    {
        using var temp = new TempDirectory();
        var path = temp.File("render.wav");
        using (var sink = new WavFileSink(path, encoding))
            new PlaybackPump(new PlaybackPumpOptions { BlockFrames = 512 }).Run(mix, sink);
        using var source = AudioReaderSource.OpenWav(path);
        source.Format.ShouldBe(mix.Format);
        return Signals.Render(source);
    }

    private static float MaxStep(ReadOnlySpan<float> mono)
    {
        var max = 0f;
        for (var i = 1; i < mono.Length; i++)
            max = Math.Max(max, Math.Abs(mono[i] - mono[i - 1]));
        return max;
    }

    private static int LongestNearSilentRun(ReadOnlySpan<float> mono)
    {
        int longest = 0, run = 0;
        foreach (var s in mono)
        {
            run = Math.Abs(s) < 1e-4f ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
