namespace Soundscape.Audio.Playback.Sinks;

/// <summary>Chooses the audio output named in configuration.</summary>
public static class AudioOutputFactory
{
    public const string Alsa = "alsa";
    public const string Wav = "wav";
    public const string Null = "null";

    /// <summary>
    /// Creates (does not open) the sink. An unknown name or a missing setting throws <see cref="AudioOutputException"/>
    /// naming what is wrong; a sink that then cannot open says so from <see cref="IAudioSink.Open"/>.
    /// </summary>
    public static IAudioSink Create(AudioOutputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Output?.Trim().ToLowerInvariant();
        return name switch
        {
            Alsa => new AlsaSink(string.IsNullOrWhiteSpace(options.Device) ? "default" : options.Device),
            Wav => string.IsNullOrWhiteSpace(options.FilePath)
                ? throw new AudioOutputException("The WAV output needs a file path (FilePath), and none is configured.")
                : new WavFileSink(options.FilePath, options.WavEncoding, options.WavMaxFileDuration),
            Null => new NullSink(),
            _ => throw new AudioOutputException(
                $"Unknown audio output '{options.Output}'. Choose one of: {Alsa}, {Wav}, {Null}."),
        };
    }

    /// <summary>
    /// The configured output as NAudio's <see cref="IWavePlayer"/> (a <see cref="SinkWavePlayer"/> over
    /// <see cref="Create"/>'s sink); errors as for <see cref="Create"/>.
    /// </summary>
    public static SinkWavePlayer CreatePlayer(AudioOutputOptions options, PlaybackPumpOptions? pumpOptions = null) =>
        new(Create(options), pumpOptions);
}
