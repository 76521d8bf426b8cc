namespace Soundscape.Audio.Wav;

/// <summary>
/// A file is not a WAV file, its header is damaged or truncated, or it uses an encoding the reader does not decode.
/// It is an <see cref="UnsupportedAudioException"/> so that callers can treat every "cannot decode" alike.
/// </summary>
public sealed class WavFormatException : UnsupportedAudioException
{
    public WavFormatException(string message)
        : base(message)
    {
    }
}
