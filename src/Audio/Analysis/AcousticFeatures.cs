namespace Soundscape.Audio.Analysis;

/// <summary>
/// What the analyzer measured on a sound, before any interpretation. Spectral values are averaged over the frames
/// that are not near-silent, weighted by frame energy, so loud passages count more than quiet ones. See
/// docs/audio.md for the definition of each.
/// </summary>
/// <param name="AnalyzedSeconds">How much audio was measured (at most the analyzer's limit).</param>
/// <param name="SpectralCentroidHz">The spectrum's centre of mass: low for rumbles, high for hiss.</param>
/// <param name="SpectralFlatness">Geometric over arithmetic mean of the power spectrum (0 = one tone, 1 = white noise).</param>
/// <param name="Noisiness">Flatness measured inside narrow bands, so coloured noise still counts as noise (≈0.6 for any noise, ≈0 for tones).</param>
/// <param name="LowFrequencyRatio">Share of energy below 250 Hz.</param>
/// <param name="HighFrequencyRatio">Share of energy above 4 kHz.</param>
/// <param name="TransientsPerSecond">Onsets per second: millisecond blocks that jump well above their surroundings.</param>
/// <param name="SharpTransientsPerSecond">Onsets per second that stand at least 15 dB above their surroundings (crackles, pops).</param>
/// <param name="TransientStrengthDb">How far, on average, those onsets stand above their surroundings.</param>
/// <param name="CrestFactor">Peak sample over RMS of the whole measured signal.</param>
/// <param name="SlowModulationDepth">RMS of the loudness envelope's 2–20 s fluctuations over its mean.</param>
/// <param name="ModulationPeriodSeconds">The strongest repetition period of those fluctuations (2–20 s), 0 when there is none.</param>
/// <param name="ModulationPeriodicity">The envelope's autocorrelation at that period: 1 for perfectly regular swells.</param>
/// <param name="LowBandBurstinessDb">95th percentile minus median of the per-frame energy below 250 Hz, in dB: large for rare loud rumbles.</param>
/// <param name="SilenceRatio">Share of frames below −60 dBFS or 40 dB under the loud frames.</param>
/// <param name="MidFrequencyRatio">Share of energy from 250 Hz to 1 kHz.</param>
/// <param name="LoudnessSpreadDb">90th minus 10th percentile of the audible frames' RMS level, in dB: small for steady noise, large for events over a bed.</param>
public sealed record AcousticFeatures(
    double AnalyzedSeconds,
    double SpectralCentroidHz,
    double SpectralFlatness,
    double Noisiness,
    double LowFrequencyRatio,
    double HighFrequencyRatio,
    double TransientsPerSecond,
    double SharpTransientsPerSecond,
    double TransientStrengthDb,
    double CrestFactor,
    double SlowModulationDepth,
    double ModulationPeriodSeconds,
    double ModulationPeriodicity,
    double LowBandBurstinessDb,
    double SilenceRatio,
    double MidFrequencyRatio = 0,
    double LoudnessSpreadDb = 0)
{
    /// <summary>The features of silence (or of nothing at all): zeros, and everything silent.</summary>
    public static AcousticFeatures Silent(double analyzedSeconds) => new(analyzedSeconds, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
}
