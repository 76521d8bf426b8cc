using System.Buffers.Binary;

namespace Soundscape.Audio.Wav;

/// <summary>
/// Streams interleaved float samples into a WAV file as PCM or IEEE float. The RIFF and data sizes are written as
/// 0xFFFFFFFF ("until the end") first and patched on dispose when the stream can seek, so a file cut short by a
/// crash is still readable up to where it stopped.
/// </summary>
public sealed class WavWriter : IDisposable
{
    private const uint UnknownSize = uint.MaxValue;
    private const int MaxBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly WavSampleEncoding _encoding;
    private readonly byte[] _buffer;
    private readonly long _start;
    private readonly int _factSampleCountOffset;
    private readonly int _dataSizeOffset;
    private readonly int _headerLength;
    private long _dataBytes;
    private bool _disposed;

    public WavWriter(Stream stream, AudioFormat format, WavSampleEncoding encoding = WavSampleEncoding.Pcm16, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!Enum.IsDefined(encoding))
            throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _encoding = encoding;
        Format = format;
        _start = stream.CanSeek ? stream.Position : 0;
        int blockAlign = format.Channels * encoding.BytesPerSample();
        _buffer = new byte[MaxBufferBytes - (MaxBufferBytes % blockAlign)];

        Span<byte> header = stackalloc byte[58];
        _headerLength = WriteHeader(header, format, encoding, out _factSampleCountOffset, out _dataSizeOffset);
        stream.Write(header[.._headerLength]);
    }

    public AudioFormat Format { get; }

    public long FramesWritten => _dataBytes / (Format.Channels * _encoding.BytesPerSample());

    public static WavWriter Create(string path, AudioFormat format, WavSampleEncoding encoding = WavSampleEncoding.Pcm16)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
        return new WavWriter(file, format, encoding);
    }

    /// <summary>Appends interleaved samples; the count must be a whole number of frames.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (samples.Length % Format.Channels != 0)
            throw new ArgumentException($"{samples.Length} samples are not a whole number of {Format.Channels}-channel frames.", nameof(samples));

        int bytesPerSample = _encoding.BytesPerSample();
        if (_dataBytes + ((long)samples.Length * bytesPerSample) > uint.MaxValue - _headerLength)
            throw new InvalidOperationException("A WAV file cannot hold more than 4 GB of samples.");

        int samplesPerBuffer = _buffer.Length / bytesPerSample;
        while (!samples.IsEmpty)
        {
            int count = Math.Min(samples.Length, samplesPerBuffer);
            int bytes = count * bytesPerSample;
            WavSampleConverter.Encode(samples[..count], _buffer.AsSpan(0, bytes), _encoding);
            _stream.Write(_buffer, 0, bytes);
            _dataBytes += bytes;
            samples = samples[count..];
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if ((_dataBytes & 1) == 1)
                _stream.WriteByte(0);
            if (_stream.CanSeek)
                PatchSizes();
            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen)
                _stream.Dispose();
        }
    }

    private void PatchSizes()
    {
        long end = _stream.Position;
        Span<byte> value = stackalloc byte[4];

        BinaryPrimitives.WriteUInt32LittleEndian(value, (uint)(end - _start - 8));
        _stream.Position = _start + 4;
        _stream.Write(value);

        if (_factSampleCountOffset > 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(value, (uint)FramesWritten);
            _stream.Position = _start + _factSampleCountOffset;
            _stream.Write(value);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(value, (uint)_dataBytes);
        _stream.Position = _start + _dataSizeOffset;
        _stream.Write(value);
        _stream.Position = end;
    }

    private static int WriteHeader(Span<byte> header, AudioFormat format, WavSampleEncoding encoding, out int factOffset, out int dataSizeOffset)
    {
        bool isFloat = encoding.IsFloat();
        int bytesPerSample = encoding.BytesPerSample();
        int blockAlign = format.Channels * bytesPerSample;

        // Float WAV carries cbSize and a fact chunk, as the format's specification asks of non-PCM encodings.
        int fmtSize = isFloat ? 18 : 16;
        int o = 0;
        "RIFF"u8.CopyTo(header[o..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(o + 4)..], UnknownSize);
        "WAVE"u8.CopyTo(header[(o + 8)..]);
        o += 12;

        "fmt "u8.CopyTo(header[o..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(o + 4)..], (uint)fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[(o + 8)..], (ushort)(isFloat ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(header[(o + 10)..], (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(o + 12)..], (uint)format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(o + 16)..], (uint)(format.SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(header[(o + 20)..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(header[(o + 22)..], (ushort)(bytesPerSample * 8));
        if (isFloat)
            BinaryPrimitives.WriteUInt16LittleEndian(header[(o + 24)..], 0);
        o += 8 + fmtSize;

        factOffset = 0;
        if (isFloat)
        {
            "fact"u8.CopyTo(header[o..]);
            BinaryPrimitives.WriteUInt32LittleEndian(header[(o + 4)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(header[(o + 8)..], UnknownSize);
            factOffset = o + 8;
            o += 12;
        }

        "data"u8.CopyTo(header[o..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(o + 4)..], UnknownSize);
        dataSizeOffset = o + 4;
        return o + 8;
    }
}
