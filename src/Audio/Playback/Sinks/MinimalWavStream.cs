using System.Buffers.Binary;

namespace Soundscape.Audio.Playback.Sinks;

/// <summary>
/// A streamed WAV writer just big enough for <see cref="WavFileSink"/>: header with placeholder sizes, data appended
/// block by block, sizes patched on close. Stand-in until the library's WavWriter (branch audio-decode-analysis) is
/// merged into the engine's branch.
/// </summary>
internal sealed class MinimalWavStream : IDisposable
{
    private const int FormatPcm = 1;
    private const int FormatIeeeFloat = 3;
    private readonly Stream _stream;
    private readonly WavSampleFormat _sampleFormat;
    private readonly int _bytesPerSample;
    private readonly long _riffSizeAt;
    private readonly long _factAt;
    private readonly long _dataSizeAt;
    private readonly int _channels;
    private byte[] _bytes = new byte[16_384];
    private long _dataBytes;

    public MinimalWavStream(Stream stream, AudioFormat format, WavSampleFormat sampleFormat)
    {
        _stream = stream;
        _sampleFormat = sampleFormat;
        _channels = format.Channels;
        _bytesPerSample = sampleFormat == WavSampleFormat.Pcm16 ? 2 : 4;
        var isFloat = sampleFormat == WavSampleFormat.Float32;

        Span<byte> header = stackalloc byte[58];
        var at = 0;
        void Tag(Span<byte> h, string tag) { for (var i = 0; i < 4; i++) h[at + i] = (byte)tag[i]; at += 4; }
        void U32(Span<byte> h, uint v) { BinaryPrimitives.WriteUInt32LittleEndian(h[at..], v); at += 4; }
        void U16(Span<byte> h, ushort v) { BinaryPrimitives.WriteUInt16LittleEndian(h[at..], v); at += 2; }

        Tag(header, "RIFF");
        _riffSizeAt = at;
        U32(header, 0);
        Tag(header, "WAVE");
        Tag(header, "fmt ");
        U32(header, isFloat ? 18u : 16u);
        U16(header, (ushort)(isFloat ? FormatIeeeFloat : FormatPcm));
        U16(header, (ushort)format.Channels);
        U32(header, (uint)format.SampleRate);
        U32(header, (uint)(format.SampleRate * format.Channels * _bytesPerSample));
        U16(header, (ushort)(format.Channels * _bytesPerSample));
        U16(header, (ushort)(8 * _bytesPerSample));
        _factAt = -1;
        if (isFloat)
        {
            U16(header, 0); // cbSize
            // Non-PCM formats carry a fact chunk with the frame count.
            Tag(header, "fact");
            U32(header, 4);
            _factAt = at;
            U32(header, 0);
        }
        Tag(header, "data");
        _dataSizeAt = at;
        U32(header, 0);
        _stream.Write(header[..at]);
    }

    public void Write(ReadOnlySpan<float> samples)
    {
        var needed = samples.Length * _bytesPerSample;
        if (_bytes.Length < needed)
            _bytes = new byte[needed];
        var bytes = _bytes.AsSpan(0, needed);
        if (_sampleFormat == WavSampleFormat.Pcm16)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                var scaled = MathF.Round(Math.Clamp(samples[i], -1f, 1f) * 32767f);
                BinaryPrimitives.WriteInt16LittleEndian(bytes[(2 * i)..], (short)scaled);
            }
        }
        else
        {
            for (var i = 0; i < samples.Length; i++)
                BinaryPrimitives.WriteSingleLittleEndian(bytes[(4 * i)..], samples[i]);
        }
        _stream.Write(bytes);
        _dataBytes += needed;
    }

    public void Dispose()
    {
        // RIFF chunks are word-aligned: an odd-sized data chunk is followed by one pad byte.
        if (_dataBytes % 2 == 1)
            _stream.WriteByte(0);
        var riffSize = _stream.Position - 8;
        Patch(_riffSizeAt, (uint)Math.Min(riffSize, uint.MaxValue));
        Patch(_dataSizeAt, (uint)Math.Min(_dataBytes, uint.MaxValue));
        if (_factAt >= 0)
            Patch(_factAt, (uint)Math.Min(_dataBytes / (_bytesPerSample * _channels), uint.MaxValue));
        _stream.Flush();
        _stream.Dispose();
    }

    private void Patch(long position, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _stream.Position = position;
        _stream.Write(bytes);
        _stream.Seek(0, SeekOrigin.End);
    }
}
