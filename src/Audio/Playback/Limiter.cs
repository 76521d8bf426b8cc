namespace Soundscape.Audio.Playback;

/// <summary>
/// Keeps every sample within full scale with a soft knee: transparent up to the threshold (−1 dBFS by default),
/// above it a tanh curve that bends smoothly towards ±1 and never reaches past it.
/// </summary>
/// <remarks>
/// y = x for |x| ≤ T; y = sign(x)·(T + (1 − T)·tanh((|x| − T) / (1 − T))) above. The curve and its slope are
/// continuous at T (slope 1 on both sides), so there are no flat tops and no corner that would add harsh harmonics.
/// It is memoryless, so it adds no latency and no pumping. Why not a look-ahead gain limiter: the mixes are ambient
/// beds whose layer volumes are chosen by people and rarely sum past the knee; when they do, a gentle saturation of
/// the rare peaks sounds better than a gain that ducks the whole bed. Blocks whose peak is below the threshold
/// (found with SIMD) are passed untouched, so the common case costs one vector pass. The output is always finite:
/// NaN becomes silence and ±Infinity full scale, so one bad sample from upstream cannot reach the sink.
/// </remarks>
public sealed class Limiter : ISampleProvider, IAudioFormatted
{
    private readonly ISampleProvider _source;
    private readonly float _threshold;
    private readonly float _range;

    public Limiter(ISampleProvider source, double thresholdDbfs = -1.0)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!double.IsFinite(thresholdDbfs) || thresholdDbfs is < -24.0 or >= 0.0)
            throw new ArgumentOutOfRangeException(nameof(thresholdDbfs), thresholdDbfs,
                "The limiter threshold is between -24 dBFS and just below 0 dBFS.");
        _source = source;
        _threshold = (float)Math.Pow(10, thresholdDbfs / 20);
        _range = 1f - _threshold;
    }

    public AudioFormat Format => _source.Format;

    public WaveFormat WaveFormat => _source.WaveFormat;

    /// <summary>The linear level up to which samples pass unchanged.</summary>
    public float Threshold => _threshold;

    public int Read(Span<float> buffer)
    {
        var read = _source.Read(buffer);
        var samples = buffer[..read];
        // A NaN peak fails this test too, so such blocks go through Shape.
        if (VectorMath.PeakAbs(samples) <= _threshold)
            return read;
        for (var i = 0; i < samples.Length; i++)
            samples[i] = Shape(samples[i]);
        return read;
    }

    internal float Shape(float x)
    {
        if (float.IsNaN(x))
            return 0f;
        var magnitude = MathF.Abs(x);
        if (magnitude <= _threshold)
            return x;
        var shaped = MathF.Min(1f, _threshold + _range * MathF.Tanh((magnitude - _threshold) / _range));
        return x < 0 ? -shaped : shaped;
    }
}
