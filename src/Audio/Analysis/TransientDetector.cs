namespace Soundscape.Audio.Analysis;

/// <summary>
/// Counts onsets: clicks, droplets, crackles. The signal is high-passed at 2 kHz (clicks are broadband, rumble and
/// swells are not), cut into ~1 ms blocks, and a block is an onset when its energy is a local maximum that stands
/// <see cref="ThresholdDb"/> above the average level (in dB) of the surrounding ±25 ms, with at least 4 ms between
/// onsets. Judging against the surroundings rather than a fixed level keeps loud steady noise from counting and
/// finds quiet clicks in quiet passages; blocks more than 30 dB under the signal's overall level are ignored, so
/// the faint high-frequency residue of a low sound cannot produce onsets.
/// </summary>
internal static class TransientDetector
{
    public const double ThresholdDb = 6.0;

    /// <summary>Onsets this far above their surroundings are crackles and pops rather than droplets.</summary>
    public const double SharpThresholdDb = 15.0;
    private const double HighPassHz = 2000;
    private const double AudibleBelowOverallDb = 30;

    public static (double PerSecond, double SharpPerSecond, double MeanStrengthDb) Detect(ReadOnlySpan<float> mono, int sampleRate)
    {
        int blockLength = Math.Max(1, sampleRate / 1000);
        int blocks = mono.Length / blockLength;
        if (blocks < 3)
            return (0, 0, 0);

        var levelDb = new double[blocks];
        double coefficient = 1.0 - Math.Exp(-2.0 * Math.PI * Math.Min(HighPassHz, sampleRate / 4.0) / sampleRate);
        double low1 = 0, low2 = 0, overallEnergy = 0;
        for (int b = 0; b < blocks; b++)
        {
            double energy = 0;
            for (int i = b * blockLength; i < (b + 1) * blockLength; i++)
            {
                // Two cascaded one-pole high-passes: 12 dB per octave below the corner.
                double x = mono[i];
                low1 += coefficient * (x - low1);
                double once = x - low1;
                low2 += coefficient * (once - low2);
                double high = once - low2;
                energy += high * high;
                overallEnergy += x * x;
            }

            levelDb[b] = 10 * Math.Log10((energy / blockLength) + 1e-12);
        }

        double gateDb = (10 * Math.Log10((overallEnergy / (blocks * blockLength)) + 1e-12)) - AudibleBelowOverallDb;

        // Prefix sums give every block's ±25 ms average in O(1).
        int halfWindow = 25;
        var prefix = new double[blocks + 1];
        for (int b = 0; b < blocks; b++)
            prefix[b + 1] = prefix[b] + levelDb[b];

        int onsets = 0, sharp = 0;
        double strengthSum = 0;
        int refractory = 4;
        int lastOnset = -refractory;
        for (int b = 1; b < blocks - 1; b++)
        {
            if (levelDb[b] < levelDb[b - 1] || levelDb[b] < levelDb[b + 1] || levelDb[b] < gateDb || b - lastOnset < refractory)
                continue;
            int from = Math.Max(0, b - halfWindow), to = Math.Min(blocks, b + halfWindow + 1);
            double surroundings = (prefix[to] - prefix[from]) / (to - from);
            double prominence = levelDb[b] - surroundings;
            if (prominence < ThresholdDb)
                continue;
            onsets++;
            if (prominence >= SharpThresholdDb)
                sharp++;
            strengthSum += prominence;
            lastOnset = b;
        }

        double seconds = (double)mono.Length / sampleRate;
        return (onsets / seconds, sharp / seconds, onsets == 0 ? 0 : strengthSum / onsets);
    }
}
