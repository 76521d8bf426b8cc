namespace Soundscape.PlayerAgent.Configuration;

/// <summary>The "Agent:Output" section.</summary>
public sealed class AgentOutputOptions
{
    /// <summary>Left unset, it is resolved at start-up: <see cref="OutputKind.Alsa"/> when a sound card is present, else <see cref="OutputKind.Wav"/>.</summary>
    public OutputKind? Kind { get; set; }

    /// <summary>The ALSA device name.</summary>
    public string Device { get; set; } = "default";

    /// <summary>The file written when <see cref="Kind"/> is <see cref="OutputKind.Wav"/>; defaults to <c>output.wav</c> beside the cache.</summary>
    public string? FilePath { get; set; }

    /// <summary>
    /// Seconds of audio the WAV file holds before it rotates to <c>&lt;name&gt;.1.wav</c> (replacing the one before) and
    /// starts again, so the disk holds at most twice this; 1 to 86400, default 300 (about 55 MiB a file at 48 kHz stereo
    /// 16-bit). Without a sound card the agent writes for as long as it runs, so the file must not grow forever.
    /// </summary>
    public double MaxFileSeconds { get; set; } = DefaultMaxFileSeconds;

    public const double DefaultMaxFileSeconds = 300;
}
