namespace Soundscape.Audio.Analysis;

/// <summary>
/// An in-place iterative radix-2 complex FFT of one fixed power-of-two size. The twiddle factors and the
/// bit-reversal permutation are computed once per instance because analysis runs thousands of same-size frames.
/// </summary>
internal sealed class Fft
{
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _bitReversed;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The FFT size must be a power of two of at least 2.");
        Size = size;
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (int k = 0; k < size / 2; k++)
        {
            double angle = -2.0 * Math.PI * k / size;
            _cos[k] = Math.Cos(angle);
            _sin[k] = Math.Sin(angle);
        }

        int bits = System.Numerics.BitOperations.Log2((uint)size);
        _bitReversed = new int[size];
        for (int i = 0; i < size; i++)
        {
            int reversed = 0;
            for (int b = 0; b < bits; b++)
                reversed |= ((i >> b) & 1) << (bits - 1 - b);
            _bitReversed[i] = reversed;
        }
    }

    public int Size { get; }

    /// <summary>Replaces (re, im) by its discrete Fourier transform X[k] = Σ x[n]·e^(−2πikn/N), unscaled.</summary>
    public void Forward(Span<double> re, Span<double> im)
    {
        if (re.Length != Size || im.Length != Size)
            throw new ArgumentException($"Both parts must hold exactly {Size} values.");

        for (int i = 0; i < Size; i++)
        {
            int j = _bitReversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int half = 1; half < Size; half <<= 1)
        {
            int twiddleStride = Size / (half * 2);
            for (int start = 0; start < Size; start += half * 2)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = _cos[k * twiddleStride];
                    double wi = _sin[k * twiddleStride];
                    int a = start + k;
                    int b = a + half;
                    double tr = (re[b] * wr) - (im[b] * wi);
                    double ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /// <summary>The power |X[k]|² of bins 0..N/2 of a real signal (the imaginary input is zero).</summary>
    public void PowerSpectrum(ReadOnlySpan<double> signal, Span<double> power, Span<double> scratchRe, Span<double> scratchIm)
    {
        signal.CopyTo(scratchRe);
        scratchIm.Clear();
        Forward(scratchRe, scratchIm);
        for (int k = 0; k <= Size / 2; k++)
            power[k] = (scratchRe[k] * scratchRe[k]) + (scratchIm[k] * scratchIm[k]);
    }
}
