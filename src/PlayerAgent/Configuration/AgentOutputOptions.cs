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
}
