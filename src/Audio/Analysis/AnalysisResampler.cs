namespace Soundscape.Audio.Analysis;

/// <summary>
/// Streams mono audio to <see cref="EmbeddingAnalyzer.AnalysisRate"/> with a Kaiser-windowed sinc low-pass at 45 %
/// of the lower rate, so every file is measured on the same band (0–7.2 kHz) whatever its rate or encoder cut-off.
/// The kernel is tabulated at 64 phases per input sample; the nearest phase is used (the error is far below the
/// features' resolution). Analysis-only: playback resampling lives elsewhere.
/// </summary>
internal sealed class AnalysisResampler
{
    private const int ZeroCrossings = 12;
    private const int Phases = 64;
    private readonly double _step; // input samples per output sample
    private readonly int _halfWidth;
    private readonly float[] _table;
    private readonly List<float> _input = [];
    private long _inputOffset; // absolute index of _input[0]
    private long _produced;

    public AnalysisResampler(int inputRate, int outputRate)
    {
        _step = (double)inputRate / outputRate;
        double cutoff = 0.45 * Math.Min(inputRate, outputRate) / inputRate; // cycles per input sample
        _halfWidth = (int)Math.Ceiling(ZeroCrossings / (2 * cutoff));
        _table = new float[(_halfWidth * Phases) + 1];
        double beta = 8.0, i0Beta = BesselI0(beta);
        for (int i = 0; i < _table.Length; i++)
        {
            double x = (double)i / Phases;
            double r = x / _halfWidth;
            double window = r >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - (r * r))) / i0Beta;
            double arg = 2 * cutoff * x;
            double sinc = x == 0 ? 1 : Math.Sin(Math.PI * arg) / (Math.PI * arg);
            _table[i] = (float)(2 * cutoff * sinc * window);
        }
    }

    /// <summary>Adds input samples and appends every output sample they complete to <paramref name="output"/>.</summary>
    public void Push(ReadOnlySpan<float> samples, List<float> output)
    {
        foreach (float s in samples)
            _input.Add(s);
        Drain(output, flush: false);
    }

    /// <summary>Emits the remaining output as if the input were followed by silence.</summary>
    public void Flush(List<float> output) => Drain(output, flush: true);

    private void Drain(List<float> output, bool flush)
    {
        long end = _inputOffset + _input.Count;
        while (true)
        {
            double t = _produced * _step;
            long centre = (long)Math.Floor(t);
            if (flush ? centre >= end : centre + _halfWidth >= end)
                break;
            double sum = 0;
            for (long k = centre - _halfWidth + 1; k <= centre + _halfWidth; k++)
            {
                long local = k - _inputOffset;
                if (local < 0 || local >= _input.Count)
                    continue;
                double distance = Math.Abs(k - t);
                int index = (int)Math.Round(distance * Phases);
                if (index < _table.Length)
                    sum += _input[(int)local] * _table[index];
            }

            output.Add((float)sum);
            _produced++;
        }

        long keepFrom = (long)Math.Floor(_produced * _step) - _halfWidth;
        int drop = (int)Math.Clamp(keepFrom - _inputOffset, 0, _input.Count);
        if (drop > 4096)
        {
            _input.RemoveRange(0, drop);
            _inputOffset += drop;
        }
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (int k = 1; k < 40; k++)
        {
            term *= half / k;
            sum += term * term;
        }

        return sum;
    }
}
