using System.Buffers.Binary;
using System.Text;

namespace Soundscape.Audio.UnitTests.Support;

/// <summary>Builds RIFF/WAVE files chunk by chunk, so tests can make headers no writer of ours would produce.</summary>
internal sealed class RiffBuilder
{
    private readonly MemoryStream _body = new();

    public static byte[] PcmFormat(int tag, int channels, int sampleRate, int bitsPerSample)
    {
        var fmt = new byte[16];
        int blockAlign = channels * bitsPerSample / 8;
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, (ushort)tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bitsPerSample);
        return fmt;
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body whose sub-format GUID carries <paramref name="subFormatTag"/>.</summary>
    public static byte[] ExtensibleFormat(int subFormatTag, int channels, int sampleRate, int bitsPerSample, int validBits, uint channelMask)
    {
        var fmt = new byte[40];
        PcmFormat(0xFFFE, channels, sampleRate, bitsPerSample).CopyTo(fmt, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), channelMask);
        new Guid($"{subFormatTag:X8}-0000-0010-8000-00AA00389B71").TryWriteBytes(fmt.AsSpan(24));
        return fmt;
    }

    public RiffBuilder Chunk(string id, byte[] content)
    {
        _body.Write(Encoding.ASCII.GetBytes(id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)content.Length);
        _body.Write(size);
        _body.Write(content);
        if (content.Length % 2 == 1)
            _body.WriteByte(0);
        return this;
    }

    /// <summary>A chunk whose size field says <paramref name="declaredSize"/> whatever follows.</summary>
    public RiffBuilder ChunkWithDeclaredSize(string id, uint declaredSize, byte[] content)
    {
        _body.Write(Encoding.ASCII.GetBytes(id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, declaredSize);
        _body.Write(size);
        _body.Write(content);
        return this;
    }

    public byte[] Build()
    {
        var file = new MemoryStream();
        file.Write("RIFF"u8);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)(_body.Length + 4));
        file.Write(size);
        file.Write("WAVE"u8);
        _body.Position = 0;
        _body.CopyTo(file);
        return file.ToArray();
    }
}
