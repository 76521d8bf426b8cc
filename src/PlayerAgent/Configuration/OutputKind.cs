namespace Soundscape.PlayerAgent.Configuration;

/// <summary>Where the agent sends its audio.</summary>
public enum OutputKind
{
    /// <summary>An ALSA device (a real sound card).</summary>
    Alsa,

    /// <summary>A WAV file: for machines without a sound card and for checking what would have played.</summary>
    Wav,

    /// <summary>Nowhere: the clock still runs, nothing is written.</summary>
    Null,
}
