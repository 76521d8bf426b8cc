using Soundscape.Audio.Wav;

namespace Soundscape.Audio.Playback.Sinks;

/// <summary>Configuration of the audio output (bound from the PlayerAgent's configuration section).</summary>
public sealed record AudioOutputOptions
{
    /// <summary>"alsa", "wav" or "null" (case-insensitive).</summary>
    public string Output { get; init; } = AudioOutputFactory.Alsa;

    /// <summary>ALSA device name, e.g. "default", "hw:0,0", "plughw:1".</summary>
    public string Device { get; init; } = "default";

    /// <summary>Where the WAV output writes; required when <see cref="Output"/> is "wav".</summary>
    public string? FilePath { get; init; }

    public WavSampleEncoding WavEncoding { get; init; } = WavSampleEncoding.Pcm16;

    /// <summary>The most audio the WAV file holds before it rotates (<see cref="WavFileSink"/>); null: one growing file.</summary>
    public TimeSpan? WavMaxFileDuration { get; init; }
}
