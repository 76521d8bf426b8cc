namespace Soundscape.Audio.Playback.Sinks;

/// <summary>Where rendered samples go: a sound card, a file, or nowhere.</summary>
/// <remarks>
/// Open once, Write interleaved float samples in the opened format (whole frames), Close to flush. Dispose closes.
/// A sink that cannot open throws <see cref="AudioOutputException"/> with a message fit for an operator.
/// </remarks>
public interface IAudioSink : IDisposable
{
    /// <summary>A short description for logs, e.g. "ALSA 'default'" or "WAV file /tmp/out.wav".</summary>
    string Name { get; }

    void Open(AudioFormat format);

    /// <summary>Writes whole frames; may block (a sound card accepts samples at its own pace).</summary>
    void Write(ReadOnlySpan<float> samples);

    void Close();
}
