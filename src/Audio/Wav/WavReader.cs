namespace Soundscape.Audio.Wav;

/// <summary>
/// Streams samples out of a RIFF/WAVE file (PCM 8/16/24/32-bit, IEEE float 32/64, plain or WAVE_FORMAT_EXTENSIBLE)
/// as interleaved floats, a buffer at a time, without loading the file.
/// </summary>
public sealed class WavReader : IAudioReader
{
    private const int MaxBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly WavHeader _header;
    private readonly byte[] _buffer;
    private long _framesRead;
    private bool _disposed;

    /// <summary>Reads the header at once; throws <see cref="WavFormatException"/> when it is not a WAV this reader decodes.</summary>
    public WavReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _header = WavHeader.Read(stream);
        _buffer = new byte[Math.Max(_header.BlockAlign, MaxBufferBytes - (MaxBufferBytes % _header.BlockAlign))];
    }

    public AudioFormat Format => _header.Format;

    public WavSampleEncoding Encoding => _header.Encoding;

    public long? TotalFrames => _header.TotalFrames;

    public TimeSpan? Duration => TotalFrames is { } frames ? TimeSpan.FromSeconds((double)frames / Format.SampleRate) : null;

    /// <summary>Frames handed out so far.</summary>
    public long Position => _framesRead;

    public static WavReader Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            return new WavReader(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public int Read(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int channels = Format.Channels;
        int blockAlign = _header.BlockAlign;
        long framesWanted = destination.Length / channels;
        if (TotalFrames is { } total)
            framesWanted = Math.Min(framesWanted, total - _framesRead);

        int samplesWritten = 0;
        while (framesWanted > 0)
        {
            int frames = (int)Math.Min(framesWanted, _buffer.Length / blockAlign);
            int bytes = frames * blockAlign;
            int got = _stream.ReadAtLeast(_buffer.AsSpan(0, bytes), bytes, throwOnEndOfStream: false);

            // A file cut inside a frame ends at the last whole frame.
            int wholeFrames = got / blockAlign;
            int samples = wholeFrames * channels;
            WavSampleConverter.Decode(_buffer.AsSpan(0, wholeFrames * blockAlign), destination.Slice(samplesWritten, samples), Encoding);
            samplesWritten += samples;
            _framesRead += wholeFrames;
            framesWanted -= wholeFrames;
            if (got < bytes)
                break;
        }

        return samplesWritten;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_leaveOpen)
            _stream.Dispose();
    }
}
