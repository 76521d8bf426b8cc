using Soundscape.Audio.Wav;

namespace Soundscape.Audio.Playback;

/// <summary>
/// Plays a decoder (<see cref="IAudioReader"/>: a WAV file, or ffmpeg for other formats) as a sample provider.
/// </summary>
/// <remarks>
/// Readers may return fewer samples than asked without being at the end; this source keeps reading until the buffer
/// is full or the reader returns 0, which gives the provider contract (short read = end). Rewinding disposes the
/// reader and opens a new one from the factory, so any forward-only decoder can loop.
/// </remarks>
public sealed class AudioReaderSource : ISampleProvider, IRewindable, IAudioFormatted, IDisposable
{
    private readonly Func<IAudioReader> _open;
    private IAudioReader _reader;

    public AudioReaderSource(Func<IAudioReader> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        _open = open;
        _reader = open();
        Format = _reader.Format;
        WaveFormat = Format.ToWaveFormat();
    }

    public AudioFormat Format { get; }

    public WaveFormat WaveFormat { get; }

    /// <summary>A source reading a WAV file from disk, decoded as it plays.</summary>
    public static AudioReaderSource OpenWav(string path) => new(() => WavReader.Open(path));

    public int Read(Span<float> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            var read = _reader.Read(buffer[written..]);
            if (read == 0)
                break;
            written += read;
        }
        return written;
    }

    public void Rewind()
    {
        _reader.Dispose();
        _reader = _open();
        if (_reader.Format != Format)
            throw new InvalidOperationException($"The source reopened as {_reader.Format}, not {Format}.");
    }

    public void Dispose() => _reader.Dispose();
}
