namespace Soundscape.Audio.Analysis;

/// <summary>
/// Turns <see cref="AcousticFeatures"/> into the five axes. <see cref="Map"/> is the learned model
/// (<see cref="EmbeddingModel.Default"/>, chosen by leave-one-source-out cross-validation on the real-recording corpus);
/// <see cref="MapHandSet"/> is the earlier hand-set mapping, kept so the evaluation can compare the two.
/// docs/audio.md explains both.
/// </summary>
public static class EmbeddingMapping
{
    /// <summary>The five axes by the committed model (<see cref="EmbeddingModel.Map"/>); each in [0, 1], finite for any input.</summary>
    public static SoundEmbedding Map(AcousticFeatures f) => EmbeddingModel.Default.Map(f);

    /// <summary>
    /// The hand-set mapping tuned on the generated families: each axis a product of soft ramps — 0 below one threshold,
    /// 1 above another, linear between — over the features that define its family, all scaled by how noise-like the
    /// sound is. On real recordings it scores 33 % top-axis accuracy (docs/audio.md); kept for comparison only.
    /// </summary>
    public static SoundEmbedding MapHandSet(AcousticFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        double noise = Ramp(f.Noisiness, 0.2, 0.4);
        double audible = 1 - f.SilenceRatio;
        double calm = 1 - Ramp(f.CrestFactor, 8, 14);
        double steadyLowBand = 1 - Ramp(f.LowBandBurstinessDb, 12, 25);

        // Rain: many small onsets (droplets) in bright, noise-like sound; onsets as strong as crackles are not rain.
        double rain = noise * audible
            * Ramp(f.TransientsPerSecond, 10, 35)
            * (1 - Ramp(f.TransientStrengthDb, 15, 25))
            * ((0.5 * Ramp(f.HighFrequencyRatio, 0.15, 0.5)) + (0.5 * Ramp(f.SpectralFlatness, 0.05, 0.3)));

        // Wind: continuous low-frequency noise without clicks or bursts; slow swells make it more wind-like.
        double wind = noise * audible
            * Ramp(f.LowFrequencyRatio, 0.2, 0.6)
            * calm
            * steadyLowBand
            * (1 - Ramp(f.TransientsPerSecond, 10, 30))
            * (0.6 + (0.4 * Ramp(f.SlowModulationDepth, 0.05, 0.2)));

        // Fire: a few to a couple of dozen sharp onsets per second (crackles standing ≥ 15 dB above their
        // surroundings), ideally over a low rumble. Softer onsets, such as droplets, neither add nor veto.
        double fire = noise
            * Ramp(f.SharpTransientsPerSecond, 1, 3) * (1 - Ramp(f.SharpTransientsPerSecond, 25, 50))
            * (0.5 + (0.5 * Ramp(f.LowFrequencyRatio, 0.05, 0.3)));

        // Thunder: the low band jumps far above its usual level now and then; long near-silences add to it.
        double thunder = noise
            * Ramp(f.LowBandBurstinessDb, 12, 25)
            * Ramp(f.LowFrequencyRatio, 0.1, 0.4)
            * (0.6 + (0.4 * Ramp(f.SilenceRatio, 0.1, 0.4)));

        // Waves: broadband noise whose loudness swells deeply and regularly with a 5–12 s period, without the
        // low-band jumps of thunder.
        double waves = noise * audible
            * Ramp(f.SlowModulationDepth, 0.1, 0.3)
            * Ramp(f.ModulationPeriodicity, 0.2, 0.5)
            * Ramp(f.ModulationPeriodSeconds, 3.5, 5) * (1 - Ramp(f.ModulationPeriodSeconds, 13, 17))
            * Ramp(f.SpectralCentroidHz, 300, 1000)
            * (1 - Ramp(f.LowBandBurstinessDb, 10, 18));

        return new SoundEmbedding(Clamp(rain), Clamp(wind), Clamp(fire), Clamp(thunder), Clamp(waves));
    }

    /// <summary>0 at or below <paramref name="from"/>, 1 at or above <paramref name="to"/>, linear between.</summary>
    internal static double Ramp(double value, double from, double to) =>
        double.IsNaN(value) ? 0 : Math.Clamp((value - from) / (to - from), 0, 1);

    private static double Clamp(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
}
