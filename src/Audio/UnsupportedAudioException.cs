namespace Soundscape.Audio;

/// <summary>
/// The audio cannot be decoded: not a format this library or ffmpeg understands, damaged, or ffmpeg is missing.
/// The message is written for a human (it ends up in an HTTP 415 response).
/// </summary>
public class UnsupportedAudioException : Exception
{
    public UnsupportedAudioException(string message)
        : base(message)
    {
    }

    public UnsupportedAudioException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
