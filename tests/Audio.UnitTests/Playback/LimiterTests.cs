using Soundscape.Audio.Playback;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class LimiterTests
{
    private static readonly AudioFormat Mono = new(48_000, 1);

    [Test]
    public void Limiter_BelowTheThreshold_PassesSamplesUnchanged()
    {
        var samples = Signals.Sine(Mono, 440, 0.1, amplitude: 0.89f); // just under −1 dBFS (0.891)
        var output = Signals.Render(new Limiter(new BufferSource((float[])samples.Clone(), Mono)));
        output.ShouldBe(samples);
    }

    [Test]
    public void Limiter_InABlockWithPeaks_LeavesTheQuietSamplesOfThatBlockUnchanged()
    {
        float[] samples = [0.2f, -0.5f, 3f, 0.8f];
        var output = Signals.Render(new Limiter(new BufferSource(samples, Mono)));
        output[0].ShouldBe(0.2f);
        output[1].ShouldBe(-0.5f);
        output[3].ShouldBe(0.8f);
        output[2].ShouldBeInRange(0.95f, 1f);
    }

    [Test]
    public void Limiter_OnHugeValues_NeverExceedsFullScale()
    {
        float[] samples = [1f, -1f, 2f, -16f, 1000f, -1e30f, float.MaxValue];
        var output = Signals.Render(new Limiter(new BufferSource(samples, Mono)));
        output.ShouldAllBe(s => Math.Abs(s) <= 1f);
    }

    [Test]
    public void Limiter_Curve_RisesStrictlyUpTo2dBOverFullScaleAndNeverFalls()
    {
        var limiter = new Limiter(new BufferSource([], Mono));
        var previous = limiter.Shape(0f);
        for (var x = 0.001f; x <= 4f; x += 0.001f)
        {
            // The knee saturates: past about +2 dB the steps fall below float resolution near 1.0.
            var y = limiter.Shape(x);
            if (x <= 1.25f)
                y.ShouldBeGreaterThan(previous, $"at x = {x}");
            else
                y.ShouldBeGreaterThanOrEqualTo(previous, $"at x = {x}");
            limiter.Shape(-x).ShouldBe(-y);
            previous = y;
        }
    }

    [Test]
    public void Limiter_Curve_HasNoCornerAtTheThreshold()
    {
        var limiter = new Limiter(new BufferSource([], Mono));
        var t = limiter.Threshold;
        const float h = 1e-3f;
        var slopeAbove = (limiter.Shape(t + h) - limiter.Shape(t)) / h;
        slopeAbove.ShouldBeInRange(0.98f, 1.0f);
    }

    // Quiet blocks take the vector fast path, loud ones the per-sample curve; NaN must not slip through either,
    // whatever its position relative to the SIMD lanes and the scalar tail.
    [TestCase(0.3f, 0)]
    [TestCase(0.3f, 7)]
    [TestCase(0.3f, 1021)]
    [TestCase(3f, 0)]
    [TestCase(3f, 500)]
    [TestCase(3f, 1023)]
    public void Limiter_BlockWithNaN_OutputsSilenceThereAndLeavesTheRestAsItWouldBe(float amplitude, int at)
    {
        var samples = Signals.Sine(Mono, 440, 1024.0 / 48_000, amplitude);
        var expected = Signals.Render(new Limiter(new BufferSource((float[])samples.Clone(), Mono)));
        samples[at] = float.NaN;

        var output = Signals.Render(new Limiter(new BufferSource(samples, Mono)));

        output.ShouldAllBe(s => float.IsFinite(s) && Math.Abs(s) <= 1f);
        output[at].ShouldBe(0f);
        for (var i = 0; i < output.Length; i++)
        {
            if (i != at)
                output[i].ShouldBe(expected[i], $"sample {i}");
        }
    }

    [Test]
    public void Limiter_OnInfinities_OutputsFullScaleOfTheirSign()
    {
        float[] samples = [0.1f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN, 0.2f];
        var output = Signals.Render(new Limiter(new BufferSource(samples, Mono)));
        output.ShouldBe([0.1f, 1f, -1f, 0f, 0f, 0.2f]);
    }
}
