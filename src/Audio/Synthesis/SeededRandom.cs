namespace Soundscape.Audio.Synthesis;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every runtime and machine, unlike
/// <see cref="Random"/>, whose algorithm .NET does not promise to keep. Same seed, same file, same hash.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Between(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform white noise in [-1, 1).</summary>
    public double Bipolar() => (2.0 * NextDouble()) - 1.0;
}
