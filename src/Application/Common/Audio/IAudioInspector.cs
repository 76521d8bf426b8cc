using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Common.Audio;

/// <summary>Decodes an audio file and measures it: its length and its calculated embedding (DESIGN §6).</summary>
public interface IAudioInspector
{
    /// <exception cref="Exceptions.UnsupportedMediaException">The file is not audio this machine can decode.</exception>
    Task<AudioInspection> InspectAsync(string path, CancellationToken cancellationToken);
}

/// <param name="Embedding">Null when the sound has no measurable character (silence).</param>
public sealed record AudioInspection(double DurationSeconds, TasteVector? Embedding);

/// <summary>Limits of the library (configuration "Audio").</summary>
public sealed class AudioLibraryOptions
{
    public const long DefaultMaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>Configuration "Audio".</summary>
    public const string Section = "Audio";

    /// <summary>Bytes, 1 to 1 TiB ("Audio:MaxUploadBytes").</summary>
    [Soundscape.Application.Common.Configuration.Between(1.0, 1099511627776.0)]
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>The file name endings an import looks at; anything else in the folder is not audio.</summary>
    public static readonly IReadOnlySet<string> AudioExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".wave", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".aac", ".aif", ".aiff", ".wma", ".webm",
    };
}
