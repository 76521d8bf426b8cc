namespace Soundscape.Audio.Playback;

/// <summary>How one layer plays inside a <see cref="LayerMixer"/>.</summary>
/// <param name="Volume">Linear gain, 0 to 1.</param>
/// <param name="Loop">Repeat the source seamlessly until the mix ends.</param>
/// <param name="DelaySeconds">Silence before the layer starts, in seconds from the start of the mix.</param>
public sealed record LayerOptions(float Volume = 1f, bool Loop = false, double DelaySeconds = 0)
{
    internal static float CheckVolume(float volume) =>
        float.IsFinite(volume) && volume is >= 0f and <= 1f
            ? volume
            : throw new ArgumentOutOfRangeException(nameof(volume), volume, "A volume is a linear gain from 0 to 1.");

    internal static double CheckDelay(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0
            ? seconds
            : throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A start delay is zero or more seconds.");
}
