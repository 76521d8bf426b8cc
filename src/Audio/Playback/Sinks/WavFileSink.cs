using Soundscape.Audio.Wav;

namespace Soundscape.Audio.Playback.Sinks;

/// <summary>Writes the output to a WAV file through <see cref="WavWriter"/>, streamed block by block.</summary>
public sealed class WavFileSink : IAudioSink
{
    private readonly WavSampleEncoding _encoding;
    private WavWriter? _writer;

    /// <param name="path">The file to create (replaced if it exists).</param>
    /// <param name="encoding">16-bit PCM for listening, <see cref="WavSampleEncoding.Float32"/> to keep the engine's
    /// samples bit-exact for measuring.</param>
    public WavFileSink(string path, WavSampleEncoding encoding = WavSampleEncoding.Pcm16)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _encoding = encoding;
    }

    public string Path { get; }

    public string Name => $"WAV file {Path}";

    public void Open(AudioFormat format)
    {
        if (_writer is not null)
            throw new InvalidOperationException($"The WAV output {Path} is already open.");
        try
        {
            _writer = WavWriter.Create(Path, format, _encoding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AudioOutputException($"WAV output '{Path}' could not open: {e.Message}", e);
        }
    }

    public void Write(ReadOnlySpan<float> samples)
    {
        var writer = _writer ?? throw new InvalidOperationException($"The WAV output {Path} was written before it was opened.");
        writer.Write(samples);
    }

    public void Close()
    {
        _writer?.Dispose();
        _writer = null;
    }

    public void Dispose() => Close();
}
