namespace Soundscape.Audio.Playback.Sinks;

/// <summary>How a WAV file sink stores samples.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit integer PCM, dithered-free rounding; what every player reads.</summary>
    Pcm16,

    /// <summary>32-bit IEEE float: bit-exact with the engine, for measuring.</summary>
    Float32,
}
