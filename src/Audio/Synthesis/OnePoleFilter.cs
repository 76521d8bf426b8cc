namespace Soundscape.Audio.Synthesis;

/// <summary>
/// A one-pole low-pass (6 dB per octave); its high-pass output is the input minus the low-pass. Cascading a few
/// gives the gentle slopes natural sounds have, at one multiply-add per sample.
/// </summary>
internal sealed class OnePoleFilter(double cutoffHz, int sampleRate)
{
    private readonly double _coefficient = 1.0 - Math.Exp(-2.0 * Math.PI * cutoffHz / sampleRate);
    private double _state;

    public double LowPass(double input) => _state += _coefficient * (input - _state);

    public double HighPass(double input) => input - LowPass(input);
}
