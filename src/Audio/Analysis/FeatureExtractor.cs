namespace Soundscape.Audio.Analysis;

/// <summary>
/// Measures <see cref="AcousticFeatures"/> on a mono signal at its own sample rate: Hann-windowed FFT frames of
/// about 46 ms with 50 % overlap for the spectral features and the loudness envelope, plus the time-domain
/// transient detector and crest factor.
/// </summary>
internal static class FeatureExtractor
{
    public const double LowBandHz = 250;
    public const double HighBandHz = 4000;
    public const double MidBandTopHz = 1000;
    private const double SilenceFloorRms = 0.001;     // −60 dBFS
    private const double SilenceBelowLoudRatio = 0.01; // 40 dB under the loud frames
    private const int NoisinessHalfWidth = 3;

    public static AcousticFeatures Extract(ReadOnlySpan<float> mono, int sampleRate)
    {
        double seconds = (double)mono.Length / sampleRate;
        int size = FrameSize(sampleRate);
        int hop = size / 2;
        if (mono.Length < size)
            return AcousticFeatures.Silent(seconds);

        var fft = new Fft(size);
        var window = new double[size];
        for (int i = 0; i < size; i++)
            window[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / size));
        var frame = new double[size];
        var re = new double[size];
        var im = new double[size];
        var power = new double[(size / 2) + 1];
        double binHz = (double)sampleRate / size;

        int frames = 1 + ((mono.Length - size) / hop);
        var rms = new double[frames];
        var energy = new double[frames];
        var centroidMoment = new double[frames];
        var lowEnergy = new double[frames];
        var highEnergy = new double[frames];
        var midEnergy = new double[frames];
        var flatness = new double[frames];
        var noisiness = new double[frames];

        for (int f = 0; f < frames; f++)
        {
            ReadOnlySpan<float> samples = mono.Slice(f * hop, size);
            double sumSquares = 0;
            for (int i = 0; i < size; i++)
            {
                sumSquares += (double)samples[i] * samples[i];
                frame[i] = samples[i] * window[i];
            }

            rms[f] = Math.Sqrt(sumSquares / size);
            fft.PowerSpectrum(frame, power, re, im);

            double total = 0, moment = 0, low = 0, mid = 0, high = 0;
            for (int k = 1; k < power.Length; k++)
            {
                double hz = k * binHz;
                total += power[k];
                moment += hz * power[k];
                if (hz < LowBandHz)
                    low += power[k];
                else if (hz < MidBandTopHz)
                    mid += power[k];
                else if (hz > HighBandHz)
                    high += power[k];
            }

            energy[f] = total;
            centroidMoment[f] = moment;
            lowEnergy[f] = low;
            highEnergy[f] = high;
            midEnergy[f] = mid;
            flatness[f] = Flatness(power.AsSpan(1), total);
            noisiness[f] = BandedFlatness(power.AsSpan(1));
        }

        double loud = Percentile(rms, 0.99);
        double silenceThreshold = Math.Max(SilenceFloorRms, SilenceBelowLoudRatio * loud);
        int audible = 0;
        double energySum = 0, momentSum = 0, lowSum = 0, midSum = 0, highSum = 0, flatnessSum = 0, noisinessSum = 0;
        var audibleDb = new List<double>(frames);
        for (int f = 0; f < frames; f++)
        {
            if (rms[f] < silenceThreshold)
                continue;
            audible++;
            energySum += energy[f];
            momentSum += centroidMoment[f];
            lowSum += lowEnergy[f];
            highSum += highEnergy[f];
            midSum += midEnergy[f];
            audibleDb.Add(20 * Math.Log10(rms[f]));
            flatnessSum += flatness[f] * energy[f];
            noisinessSum += noisiness[f] * energy[f];
        }

        if (audible == 0 || energySum <= 0)
            return AcousticFeatures.Silent(seconds);

        (double transientsPerSecond, double sharpTransientsPerSecond, double transientStrength) = TransientDetector.Detect(mono, sampleRate);
        (double depth, double period, double periodicity) = EnvelopeModulation.Measure(rms, (double)sampleRate / hop);

        return new AcousticFeatures(
            AnalyzedSeconds: seconds,
            SpectralCentroidHz: momentSum / energySum,
            SpectralFlatness: flatnessSum / energySum,
            Noisiness: noisinessSum / energySum,
            LowFrequencyRatio: lowSum / energySum,
            HighFrequencyRatio: highSum / energySum,
            TransientsPerSecond: transientsPerSecond,
            SharpTransientsPerSecond: sharpTransientsPerSecond,
            TransientStrengthDb: transientStrength,
            CrestFactor: CrestFactor(mono),
            SlowModulationDepth: depth,
            ModulationPeriodSeconds: period,
            ModulationPeriodicity: periodicity,
            LowBandBurstinessDb: LowBandBurstiness(lowEnergy, size),
            SilenceRatio: (double)(frames - audible) / frames,
            MidFrequencyRatio: midSum / energySum,
            LoudnessSpreadDb: Percentile(audibleDb, 0.9) - Percentile(audibleDb, 0.1));
    }

    /// <summary>The power of two closest to 46 ms at this rate (2048 at 44.1 kHz), so resolution does not depend on the rate.</summary>
    internal static int FrameSize(int sampleRate)
    {
        int size = 256;
        while (size * 2 <= sampleRate * 0.046 * 1.5)
            size *= 2;
        return size;
    }

    private static double Flatness(ReadOnlySpan<double> power, double total)
    {
        if (total <= 0)
            return 0;
        double floor = (total / power.Length * 1e-10) + 1e-30;
        double logSum = 0;
        foreach (double p in power)
            logSum += Math.Log(p + floor);
        return Math.Exp(logSum / power.Length) / (total / power.Length);
    }

    // Each bin against the mean of its ±3 neighbours, averaged geometrically over arithmetically with the
    // neighbourhood energy as weight. Noise of any colour scatters randomly around its local level (≈0.6);
    // a tone's partials tower over the near-empty bins beside them (≈0). Steep slopes, like the bottom octave of
    // thunder, hardly matter because each bin is compared only with its neighbours.
    private static double BandedFlatness(ReadOnlySpan<double> power)
    {
        int n = power.Length;
        Span<double> prefix = n <= 4096 ? stackalloc double[n + 1] : new double[n + 1];
        prefix[0] = 0;
        for (int k = 0; k < n; k++)
            prefix[k + 1] = prefix[k] + power[k];
        double total = prefix[n];
        if (total <= 0)
            return 0;

        double floor = (total / n * 1e-10) + 1e-30;
        double weightSum = 0, logSum = 0, ratioSum = 0;
        for (int k = 0; k < n; k++)
        {
            int from = Math.Max(0, k - NoisinessHalfWidth), to = Math.Min(n, k + NoisinessHalfWidth + 1);
            double local = ((prefix[to] - prefix[from]) / (to - from)) + floor;
            double ratio = (power[k] + floor) / local;
            weightSum += local;
            logSum += local * Math.Log(ratio);
            ratioSum += local * ratio;
        }

        return Math.Exp(logSum / weightSum) / (ratioSum / weightSum);
    }

    private static double CrestFactor(ReadOnlySpan<float> mono)
    {
        double peak = 0, sumSquares = 0;
        foreach (float sample in mono)
        {
            peak = Math.Max(peak, Math.Abs(sample));
            sumSquares += (double)sample * sample;
        }

        double rms = Math.Sqrt(sumSquares / mono.Length);
        return rms > 0 ? peak / rms : 0;
    }

    private static double LowBandBurstiness(double[] lowEnergy, int size)
    {
        // Energies are floored at −120 dBFS-equivalent so digital silence does not make the range infinite.
        double floor = size * size * 1e-12;
        double[] decibels = lowEnergy.Select(e => 10 * Math.Log10(e + floor)).ToArray();
        return Percentile(decibels, 0.95) - Percentile(decibels, 0.5);
    }

    private static double Percentile(IReadOnlyCollection<double> values, double fraction)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];
    }
}
