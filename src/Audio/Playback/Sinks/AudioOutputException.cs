namespace Soundscape.Audio.Playback.Sinks;

/// <summary>An audio output could not be opened or written; the message says which one and why.</summary>
public sealed class AudioOutputException : Exception
{
    public AudioOutputException(string message)
        : base(message)
    {
    }

    public AudioOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
