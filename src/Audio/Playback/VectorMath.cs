using System.Numerics;
using System.Runtime.InteropServices;

namespace Soundscape.Audio.Playback;

/// <summary>The SIMD kernels of the engine: <see cref="Vector{T}"/> over the bulk of a span, scalar over the tail.</summary>
internal static class VectorMath
{
    /// <summary>destination[i] += source[i] * gain, for i below source.Length.</summary>
    public static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float gain)
    {
        if (source.Length > destination.Length)
            throw new ArgumentException("The source is longer than the destination.", nameof(source));
        var dst = destination[..source.Length];
        var vectors = 0;
        if (Vector.IsHardwareAccelerated && source.Length >= Vector<float>.Count)
        {
            var g = new Vector<float>(gain);
            var s = MemoryMarshal.Cast<float, Vector<float>>(source);
            var d = MemoryMarshal.Cast<float, Vector<float>>(dst);
            for (var i = 0; i < s.Length; i++)
                d[i] += s[i] * g;
            vectors = s.Length * Vector<float>.Count;
        }
        for (var i = vectors; i < source.Length; i++)
            dst[i] += source[i] * gain;
    }

    /// <summary>
    /// destination += source × a gain moving linearly from <paramref name="from"/> to <paramref name="to"/> over the
    /// frames, reaching <paramref name="to"/> on the last frame. Scalar: it only runs in the block after a volume change.
    /// </summary>
    public static void AddRamped(Span<float> destination, ReadOnlySpan<float> source, float from, float to, int channels)
    {
        if (source.Length > destination.Length)
            throw new ArgumentException("The source is longer than the destination.", nameof(source));
        var frames = source.Length / channels;
        var step = (to - from) / frames;
        for (var f = 0; f < frames; f++)
        {
            var gain = f == frames - 1 ? to : from + step * (f + 1);
            for (var c = 0; c < channels; c++)
                destination[f * channels + c] += source[f * channels + c] * gain;
        }
    }

    /// <summary>samples[i] *= gain.</summary>
    public static void Scale(Span<float> samples, float gain)
    {
        var vectors = 0;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            var g = new Vector<float>(gain);
            var v = MemoryMarshal.Cast<float, Vector<float>>(samples);
            for (var i = 0; i < v.Length; i++)
                v[i] *= g;
            vectors = v.Length * Vector<float>.Count;
        }
        for (var i = vectors; i < samples.Length; i++)
            samples[i] *= gain;
    }

    /// <summary>The largest absolute sample value (0 for an empty span), or NaN when any sample is NaN.</summary>
    public static float PeakAbs(ReadOnlySpan<float> samples)
    {
        var vectors = 0;
        var peak = 0f;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            // The hardware max does not carry NaN along (it may return either operand), so NaN lanes are counted apart.
            var max = Vector<float>.Zero;
            var nan = Vector<int>.Zero;
            var v = MemoryMarshal.Cast<float, Vector<float>>(samples);
            for (var i = 0; i < v.Length; i++)
            {
                max = Vector.Max(max, Vector.Abs(v[i]));
                nan |= Vector.OnesComplement(Vector.Equals(v[i], v[i]));
            }
            if (nan != Vector<int>.Zero)
                return float.NaN;
            for (var lane = 0; lane < Vector<float>.Count; lane++)
                peak = Math.Max(peak, max[lane]);
            vectors = v.Length * Vector<float>.Count;
        }
        for (var i = vectors; i < samples.Length; i++)
            peak = Math.Max(peak, Math.Abs(samples[i]));
        return peak;
    }
}
