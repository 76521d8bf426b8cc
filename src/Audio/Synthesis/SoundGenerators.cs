namespace Soundscape.Audio.Synthesis;

/// <summary>
/// Deterministic mono signals of a known acoustic character: the test material of the embedding analyzer and the
/// demo library. Each takes (seconds, sample rate, seed), runs in one pass over the samples (O(n)), and returns
/// samples normalised to a peak of <see cref="Peak"/>. They are caricatures: each exaggerates the one trait its
/// family is recognised by.
/// </summary>
public static class SoundGenerators
{
    public const float Peak = 0.8f;

    private const double GustDepth = 8.0;

    /// <summary>
    /// Thousands of tiny high-passed noise bursts per second (droplets, a few ms each, mostly quiet, some loud)
    /// over a steady high-passed hiss.
    /// </summary>
    public static float[] Rain(double seconds, int sampleRate, int seed)
    {
        var random = new SeededRandom(seed);
        var output = Allocate(seconds, sampleRate);
        var hissFilter = new[] { new OnePoleFilter(900, sampleRate), new OnePoleFilter(900, sampleRate) };
        var dropFilter = new OnePoleFilter(2500, sampleRate);
        double dropsPerSecond = random.Between(1200, 2000);
        double dropProbability = dropsPerSecond / sampleRate;
        double dropDecay = Math.Exp(-1.0 / (0.0015 * sampleRate));
        double dropEnvelope = 0;

        for (int i = 0; i < output.Length; i++)
        {
            if (random.NextDouble() < dropProbability)
            {
                double size = random.NextDouble();
                dropEnvelope += 0.15 + (1.2 * size * size * size);
            }

            double hiss = hissFilter[1].HighPass(hissFilter[0].HighPass(random.Bipolar()));
            double drop = dropFilter.HighPass(random.Bipolar()) * dropEnvelope;
            dropEnvelope *= dropDecay;
            output[i] = (float)((0.12 * hiss) + drop);
        }

        return Normalise(output);
    }

    /// <summary>
    /// Low-passed noise (energy mostly below 500 Hz) whose loudness swells and falls irregularly over several
    /// seconds, like gusts: the swell is itself heavily smoothed random noise, so it has no fixed period.
    /// </summary>
    public static float[] Wind(double seconds, int sampleRate, int seed)
    {
        var random = new SeededRandom(seed);
        var output = Allocate(seconds, sampleRate);
        var filters = new[] { new OnePoleFilter(220, sampleRate), new OnePoleFilter(220, sampleRate), new OnePoleFilter(600, sampleRate) };

        // The gust envelope is updated every 10 ms from noise smoothed twice at 0.25 Hz, then scaled to 0.35–1.
        int gustStep = sampleRate / 100;
        var gustFilters = new[] { new OnePoleFilter(0.25, 100), new OnePoleFilter(0.25, 100) };
        double gust = 0;
        for (int warmUp = 0; warmUp < 1000; warmUp++)
            gust = gustFilters[1].LowPass(gustFilters[0].LowPass(random.Bipolar()));

        for (int i = 0; i < output.Length; i++)
        {
            if (i % gustStep == 0)
                gust = gustFilters[1].LowPass(gustFilters[0].LowPass(random.Bipolar()));

            // GustDepth turns the small excursions of the twice-smoothed noise into swells clamped to 0.3–1.
            double swell = Math.Clamp(0.675 + (GustDepth * gust), 0.3, 1.0);
            double noise = filters[2].LowPass(filters[1].LowPass(filters[0].LowPass(random.Bipolar())));
            output[i] = (float)(noise * swell);
        }

        return Normalise(output);
    }

    /// <summary>Sparse sharp crackles (a few to ~15 per second, random loudness, under a millisecond each) over a low rumble.</summary>
    public static float[] Fire(double seconds, int sampleRate, int seed)
    {
        var random = new SeededRandom(seed);
        var output = Allocate(seconds, sampleRate);
        var rumbleFilters = new[] { new OnePoleFilter(150, sampleRate), new OnePoleFilter(150, sampleRate) };
        var crackleFilter = new OnePoleFilter(1500, sampleRate);
        double cracklesPerSecond = random.Between(4, 14);
        double crackleProbability = cracklesPerSecond / sampleRate;
        double crackleDecay = Math.Exp(-1.0 / (0.0006 * sampleRate));
        double crackleEnvelope = 0;

        // The rumble's gain compensates the loss of two 150 Hz low-passes on white noise, so it is audible.
        const double rumbleGain = 9.0;
        for (int i = 0; i < output.Length; i++)
        {
            if (random.NextDouble() < crackleProbability)
                crackleEnvelope += random.Between(0.25, 1.0);

            double rumble = rumbleFilters[1].LowPass(rumbleFilters[0].LowPass(random.Bipolar())) * rumbleGain * 0.05;
            double crackle = crackleFilter.HighPass(random.Bipolar()) * crackleEnvelope;
            crackleEnvelope *= crackleDecay;
            output[i] = (float)(rumble + crackle);
        }

        return Normalise(output);
    }

    /// <summary>
    /// Near silence broken every 9–16 s by a loud, very low (below ~100 Hz) rumble that strikes within a fraction
    /// of a second and rolls away over several seconds in a few decaying waves.
    /// </summary>
    public static float[] Thunder(double seconds, int sampleRate, int seed)
    {
        var random = new SeededRandom(seed);
        var output = Allocate(seconds, sampleRate);
        var filters = new[] { new OnePoleFilter(90, sampleRate), new OnePoleFilter(90, sampleRate), new OnePoleFilter(300, sampleRate) };

        // Each peal is a few overlapping rolls: (start, attack, decay time constant, loudness), all in seconds.
        var rolls = new List<(double Start, double Attack, double Decay, double Loudness)>();
        for (double strike = random.Between(0.5, 2.5); strike < seconds; strike += random.Between(9, 16))
        {
            int count = 2 + (int)(random.NextDouble() * 2);
            for (int r = 0; r < count; r++)
                rolls.Add((strike + (r == 0 ? 0 : random.Between(0.2, 1.5)), random.Between(0.04, 0.15), random.Between(0.4, 0.9), r == 0 ? 1.0 : random.Between(0.3, 0.8)));
        }

        rolls.Sort((a, b) => a.Start.CompareTo(b.Start));
        int firstActive = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double t = (double)i / sampleRate;
            double envelope = 0;
            while (firstActive < rolls.Count && t - rolls[firstActive].Start > 12 * rolls[firstActive].Decay)
                firstActive++;
            for (int r = firstActive; r < rolls.Count && rolls[r].Start <= t; r++)
            {
                double age = t - rolls[r].Start;
                envelope += rolls[r].Loudness * (age < rolls[r].Attack ? age / rolls[r].Attack : Math.Exp(-(age - rolls[r].Attack) / rolls[r].Decay));
            }

            double rumble = filters[2].LowPass(filters[1].LowPass(filters[0].LowPass(random.Bipolar())));
            double floor = 0.0004 * random.Bipolar();
            output[i] = (float)((rumble * envelope) + floor);
        }

        return Normalise(output);
    }

    /// <summary>Broadband noise whose loudness swells and recedes, one wave every 7–10 s, from a quiet trough to a crash.</summary>
    public static float[] Waves(double seconds, int sampleRate, int seed)
    {
        var random = new SeededRandom(seed);
        var output = Allocate(seconds, sampleRate);
        var body = new OnePoleFilter(1200, sampleRate);
        double waveStart = -random.Between(0, 4), wavePeriod = random.Between(7, 10), waveHeight = random.Between(0.7, 1.0);

        for (int i = 0; i < output.Length; i++)
        {
            double t = (double)i / sampleRate;
            if (t - waveStart >= wavePeriod)
            {
                waveStart += wavePeriod;
                wavePeriod = random.Between(7, 10);
                waveHeight = random.Between(0.7, 1.0);
            }

            double phase = (t - waveStart) / wavePeriod;
            double swell = Math.Sin(Math.PI * phase);
            double envelope = 0.05 + (waveHeight * swell * swell);
            double white = random.Bipolar();
            double noise = (0.6 * white) + (1.5 * body.LowPass(white));
            output[i] = (float)(noise * envelope);
        }

        return Normalise(output);
    }

    /// <summary>
    /// An instrumental-like line: notes of a pentatonic scale, each with four harmonic partials and a plucked
    /// envelope, played as a slow arpeggio under a fade in and out. Tonal, not noisy.
    /// </summary>
    public static float[] Tone(double seconds, int sampleRate, int seed)
    {
        var random = new SeededRandom(seed);
        var output = Allocate(seconds, sampleRate);
        double[] scale = [220.00, 246.94, 277.18, 329.63, 369.99, 440.00, 493.88, 554.37];
        double[] partials = [1.0, 0.45, 0.22, 0.1];
        double noteLength = random.Between(0.6, 1.0);
        int[] pattern = [0, 2, 4, 5, 4, 2];
        int root = (int)(random.NextDouble() * 3);

        // Two voices alternate so a note rings on while the next one starts.
        var voiceFrequency = new double[2];
        var voiceStart = new double[2] { double.NegativeInfinity, double.NegativeInfinity };
        var voicePhase = new double[2];
        int note = -1;
        double fade = Math.Min(2.0, seconds / 4);

        for (int i = 0; i < output.Length; i++)
        {
            double t = (double)i / sampleRate;
            int current = (int)(t / noteLength);
            if (current != note)
            {
                note = current;
                int voice = note % 2;
                int step = pattern[note % pattern.Length] + root + ((note / pattern.Length) % 2);
                voiceFrequency[voice] = scale[Math.Min(step, scale.Length - 1)];
                voiceStart[voice] = t;
            }

            double sample = 0;
            for (int v = 0; v < 2; v++)
            {
                double age = t - voiceStart[v];
                if (age > 6)
                    continue;
                double envelope = age < 0.02 ? age / 0.02 : Math.Exp(-(age - 0.02) / 0.9);
                voicePhase[v] += 2 * Math.PI * voiceFrequency[v] / sampleRate;
                for (int p = 0; p < partials.Length; p++)
                    sample += envelope * partials[p] * Math.Sin((p + 1) * voicePhase[v]);
            }

            double overall = Math.Min(1.0, Math.Min(t, seconds - t) / fade);
            output[i] = (float)(sample * overall);
        }

        return Normalise(output);
    }

    /// <summary>
    /// Mixes two signals sample by sample as (1 − <paramref name="weightOfB"/>)·a + <paramref name="weightOfB"/>·b;
    /// the shorter one is treated as silent after its end.
    /// </summary>
    public static float[] Blend(float[] a, float[] b, float weightOfB = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfLessThan(weightOfB, 0f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weightOfB, 1f);
        var output = new float[Math.Max(a.Length, b.Length)];
        for (int i = 0; i < output.Length; i++)
        {
            float fromA = i < a.Length ? a[i] : 0f;
            float fromB = i < b.Length ? b[i] : 0f;
            output[i] = ((1f - weightOfB) * fromA) + (weightOfB * fromB);
        }

        return output;
    }

    private static float[] Allocate(double seconds, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        return new float[(int)Math.Round(seconds * sampleRate)];
    }

    private static float[] Normalise(float[] samples)
    {
        float peak = 0;
        foreach (float sample in samples)
            peak = Math.Max(peak, Math.Abs(sample));
        if (peak > 0)
        {
            float gain = Peak / peak;
            for (int i = 0; i < samples.Length; i++)
                samples[i] *= gain;
        }

        return samples;
    }
}
