using Soundscape.Audio.Wav;

namespace Soundscape.Audio.Playback.Sinks;

/// <summary>
/// Writes the output to a WAV file through <see cref="WavWriter"/>, streamed block by block; optionally bounded as a
/// ring of two files so an output that never stops never fills the disk.
/// </summary>
/// <remarks>
/// With <c>maxFileDuration</c> set, the file is finished once it holds that much audio and moved to
/// <see cref="PreviousPath"/> (replacing the one before), and a new file starts at <see cref="Path"/>. Both are complete
/// WAV files at every rotation, the disk holds at most two durations' worth, and the latest one to two durations of
/// sound can always be listened to.
/// </remarks>
public sealed class WavFileSink : IAudioSink
{
    private readonly WavSampleEncoding _encoding;
    private readonly TimeSpan? _maxFileDuration;
    private AudioFormat _format;
    private WavWriter? _writer;
    private long _maxFrames = long.MaxValue;

    /// <param name="path">The file to create (replaced if it exists).</param>
    /// <param name="encoding">16-bit PCM for listening, <see cref="WavSampleEncoding.Float32"/> to keep the engine's
    /// samples bit-exact for measuring.</param>
    /// <param name="maxFileDuration">The most audio one file holds before it rotates; null for one file that grows.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFileDuration"/> is not positive.</exception>
    public WavFileSink(string path, WavSampleEncoding encoding = WavSampleEncoding.Pcm16, TimeSpan? maxFileDuration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (maxFileDuration is { } max && max <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(maxFileDuration), max, "A WAV file's maximum duration must be positive.");
        Path = path;
        PreviousPath = System.IO.Path.ChangeExtension(path, null) + ".1" + (System.IO.Path.GetExtension(path) is { Length: > 0 } ext ? ext : ".wav");
        _encoding = encoding;
        _maxFileDuration = maxFileDuration;
    }

    public string Path { get; }

    /// <summary>Where the file goes when it rotates: <c>room.wav</c> → <c>room.1.wav</c>.</summary>
    public string PreviousPath { get; }

    /// <summary>How many times the file rotated since it was opened.</summary>
    public int Rotations { get; private set; }

    public string Name => _maxFileDuration is { } max ? FormattableString.Invariant($"WAV file {Path} (rotating to {PreviousPath} every {max.TotalSeconds:0.###} s)") : $"WAV file {Path}";

    public void Open(AudioFormat format)
    {
        if (_writer is not null)
            throw new InvalidOperationException($"The WAV output {Path} is already open.");
        _format = format;
        _maxFrames = _maxFileDuration is { } max ? Math.Max(1, (long)Math.Round(max.TotalSeconds * format.SampleRate)) : long.MaxValue;
        Rotations = 0;
        _writer = Create();
    }

    public void Write(ReadOnlySpan<float> samples)
    {
        var writer = _writer ?? throw new InvalidOperationException($"The WAV output {Path} was written before it was opened.");
        var channels = _format.Channels;
        while (samples.Length > 0)
        {
            var room = _maxFrames - writer.FramesWritten;
            if (room <= 0)
            {
                writer = Rotate();
                continue;
            }
            var take = (int)Math.Min(samples.Length, Math.Min(room, int.MaxValue) * channels);
            writer.Write(samples[..take]);
            samples = samples[take..];
        }
    }

    public void Close()
    {
        _writer?.Dispose();
        _writer = null;
    }

    public void Dispose() => Close();

    private WavWriter Rotate()
    {
        _writer!.Dispose();
        _writer = null;
        try
        {
            File.Move(Path, PreviousPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioOutputException($"WAV output '{Path}' could not rotate to '{PreviousPath}': {e.Message}", e);
        }
        Rotations++;
        return _writer = Create();
    }

    private WavWriter Create()
    {
        try
        {
            return WavWriter.Create(Path, _format, _encoding);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new AudioOutputException($"WAV output '{Path}' could not open: {e.Message}", e);
        }
    }
}
