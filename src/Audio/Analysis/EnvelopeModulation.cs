namespace Soundscape.Audio.Analysis;

/// <summary>
/// Slow loudness movement: swells of wind, the breathing of waves, distant peals. The frame loudness envelope is
/// resampled to 10 Hz, band-passed to periods of 2–20 s (a 2 s moving average minus a 20 s one) and measured for
/// depth (RMS over the mean loudness) and for its strongest repetition period (autocorrelation peak).
/// </summary>
internal static class EnvelopeModulation
{
    private const double EnvelopeRate = 10.0;
    private const double ShortestPeriod = 2.0;
    private const double LongestPeriod = 20.0;

    public static (double Depth, double PeriodSeconds, double Periodicity) Measure(IReadOnlyList<double> frameRms, double frameRate)
    {
        int group = Math.Max(1, (int)Math.Round(frameRate / EnvelopeRate));
        int length = frameRms.Count / group;
        if (length < 4)
            return (0, 0, 0);

        var envelope = new double[length];
        for (int i = 0; i < length; i++)
        {
            double sum = 0;
            for (int j = 0; j < group; j++)
                sum += frameRms[(i * group) + j];
            envelope[i] = sum / group;
        }

        double mean = envelope.Average();
        if (mean <= 0)
            return (0, 0, 0);

        double rate = frameRate / group;
        double[] fast = MovingAverage(envelope, (int)Math.Round(ShortestPeriod * rate));
        double[] slow = MovingAverage(envelope, (int)Math.Round(LongestPeriod * rate));
        var band = new double[length];
        double power = 0;
        for (int i = 0; i < length; i++)
        {
            band[i] = fast[i] - slow[i];
            power += band[i] * band[i];
        }

        double depth = Math.Sqrt(power / length) / mean;
        (double period, double periodicity) = StrongestPeriod(band, rate, power);
        return (depth, period, periodicity);
    }

    // Normalised autocorrelation over lags of 2–20 s (at most half the envelope, so each lag has enough overlap).
    // The period is the shortest lag whose correlation peaks within 80 % of the best: a regular swell correlates
    // almost as well at twice its period, and that multiple must not be mistaken for the period.
    private static (double Period, double Periodicity) StrongestPeriod(double[] band, double rate, double power)
    {
        if (power <= 0)
            return (0, 0);
        int minLag = (int)Math.Round(ShortestPeriod * rate);
        int maxLag = Math.Min((int)Math.Round(LongestPeriod * rate), band.Length / 2);
        if (maxLag <= minLag)
            return (0, 0);

        var correlation = new double[maxLag + 2];
        for (int lag = minLag - 1; lag <= maxLag + 1 && lag < band.Length; lag++)
        {
            double sum = 0;
            for (int i = 0; i + lag < band.Length; i++)
                sum += band[i] * band[i + lag];
            correlation[lag] = sum / power * band.Length / (band.Length - lag);
        }

        double best = 0;
        for (int lag = minLag; lag <= maxLag; lag++)
            best = Math.Max(best, correlation[lag]);
        if (best <= 0)
            return (0, 0);

        for (int lag = minLag; lag <= maxLag; lag++)
        {
            bool isPeak = correlation[lag] >= correlation[lag - 1] && correlation[lag] >= correlation[lag + 1];
            if (isPeak && correlation[lag] >= 0.8 * best)
                return (lag / rate, Math.Min(1, correlation[lag]));
        }

        return (0, 0);
    }

    // A centred moving average whose window shrinks at the edges, so the ends are not pulled towards zero.
    private static double[] MovingAverage(double[] values, int window)
    {
        int half = Math.Max(0, window / 2);
        var prefix = new double[values.Length + 1];
        for (int i = 0; i < values.Length; i++)
            prefix[i + 1] = prefix[i] + values[i];
        var averaged = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int from = Math.Max(0, i - half), to = Math.Min(values.Length, i + half + 1);
            averaged[i] = (prefix[to] - prefix[from]) / (to - from);
        }

        return averaged;
    }
}
