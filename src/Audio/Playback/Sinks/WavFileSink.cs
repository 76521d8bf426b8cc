namespace Soundscape.Audio.Playback.Sinks;

/// <summary>Writes the output to a WAV file, streamed block by block (16-bit PCM or 32-bit float).</summary>
public sealed class WavFileSink : IAudioSink
{
    private readonly WavSampleFormat _sampleFormat;
    private MinimalWavStream? _writer;

    public WavFileSink(string path, WavSampleFormat sampleFormat = WavSampleFormat.Pcm16)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
        _sampleFormat = sampleFormat;
    }

    public string Path { get; }

    public string Name => $"WAV file {Path}";

    public void Open(AudioFormat format)
    {
        if (_writer is not null)
            throw new InvalidOperationException($"The WAV output {Path} is already open.");
        FileStream stream;
        try
        {
            stream = new FileStream(Path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 65_536);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AudioOutputException($"WAV output '{Path}' could not open: {e.Message}", e);
        }
        _writer = new MinimalWavStream(stream, format, _sampleFormat);
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
