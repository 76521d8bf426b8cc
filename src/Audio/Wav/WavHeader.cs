using System.Buffers.Binary;

namespace Soundscape.Audio.Wav;

/// <summary>What the RIFF chunks before the samples say: the format, the encoding and where the samples are.</summary>
internal sealed record WavHeader(AudioFormat Format, WavSampleEncoding Encoding, long DataOffset, long? DataLength)
{
    private const ushort FormatPcm = 0x0001;
    private const ushort FormatIeeeFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;
    private const int MaxFormatChunkSize = 1024;

    // Every KSDATAFORMAT_SUBTYPE_* GUID ends in these 14 bytes; the first two carry the classic format tag.
    private static readonly byte[] SubFormatGuidTail =
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public int BlockAlign => Format.Channels * Encoding.BytesPerSample();

    public long? TotalFrames => DataLength / BlockAlign;

    /// <summary>
    /// Why big-endian WAV is refused: RIFX is rare (old Macintosh and SGI tools), and the ffmpeg we fall back to reads
    /// its samples as little-endian, which turns any sound into loud white noise. Refusing it is the honest answer.
    /// </summary>
    public const string BigEndianRefusal =
        "Big-endian WAV (RIFX) is not supported; convert it to an ordinary little-endian WAV (RIFF) first.";

    /// <summary>True when the first bytes are a RIFF/WAVE header; used to sniff files whatever their extension.</summary>
    public static bool LooksLikeWav(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= 12 && firstBytes[..4].SequenceEqual("RIFF"u8) && firstBytes[8..12].SequenceEqual("WAVE"u8);

    /// <summary>True when the first bytes are a big-endian RIFX/WAVE header.</summary>
    public static bool LooksLikeBigEndianWav(ReadOnlySpan<byte> firstBytes) =>
        firstBytes.Length >= 12 && firstBytes[..4].SequenceEqual("RIFX"u8) && firstBytes[8..12].SequenceEqual("WAVE"u8);

    /// <summary>
    /// Reads chunks up to the start of the samples and leaves <paramref name="stream"/> there. Reads only what it
    /// needs, so it works on pipes; a data chunk before the fmt chunk is only handled on seekable streams.
    /// </summary>
    public static WavHeader Read(Stream stream)
    {
        var cursor = new ChunkCursor(stream);
        Span<byte> riff = stackalloc byte[12];
        int got = cursor.ReadUpTo(riff);
        if (LooksLikeBigEndianWav(riff[..got]))
            throw new WavFormatException(BigEndianRefusal);
        if (got >= 4 && riff[..4].SequenceEqual("RF64"u8))
            throw new WavFormatException("RF64 (WAV files over 4 GB) is not supported.");
        if (got < 12)
        {
            throw new WavFormatException(got >= 4 && riff[..4].SequenceEqual("RIFF"u8)
                ? "The WAV header is truncated."
                : "This is not a WAV file: it does not start with a RIFF/WAVE header.");
        }

        if (!LooksLikeWav(riff))
            throw new WavFormatException("This is not a WAV file: it does not start with a RIFF/WAVE header.");

        (AudioFormat Format, WavSampleEncoding Encoding)? fmt = null;
        long? earlyDataOffset = null;
        uint earlyDataSize = 0;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            got = cursor.ReadUpTo(chunkHeader);
            if (got == 0)
            {
                throw new WavFormatException(fmt is null
                    ? "The WAV file has no fmt chunk, so its sample format is unknown."
                    : "The WAV file has no data chunk.");
            }

            if (got < 8)
                throw new WavFormatException("The WAV file is truncated inside a chunk header.");

            string id = System.Text.Encoding.ASCII.GetString(chunkHeader[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (id == "fmt ")
            {
                if (size is < 16 or > MaxFormatChunkSize)
                    throw new WavFormatException($"The WAV fmt chunk has an implausible size of {size} bytes.");
                var body = new byte[size];
                if (cursor.ReadUpTo(body) < body.Length)
                    throw new WavFormatException("The WAV file is truncated inside its fmt chunk.");
                fmt = ParseFormat(body);
                cursor.SkipPadding(size);
                if (earlyDataOffset is { } offset)
                    return Complete(cursor, fmt.Value, offset, earlyDataSize);
            }
            else if (id == "data")
            {
                if (fmt is { } known)
                    return Complete(cursor, known, cursor.Position, size);
                if (!stream.CanSeek)
                    throw new WavFormatException("The WAV data chunk comes before the fmt chunk, which needs a seekable stream.");
                earlyDataOffset = cursor.Position;
                earlyDataSize = size;
                if (size is uint.MaxValue or 0)
                    throw new WavFormatException("The WAV data chunk has no length and comes before the fmt chunk.");
                cursor.Skip(size);
                cursor.SkipPadding(size);
            }
            else
            {
                // LIST, fact, bext, cue, JUNK, ...: metadata the samples do not depend on.
                cursor.Skip(size);
                cursor.SkipPadding(size);
            }
        }
    }

    private static WavHeader Complete(ChunkCursor cursor, (AudioFormat Format, WavSampleEncoding Encoding) fmt, long dataOffset, uint declaredSize)
    {
        int blockAlign = fmt.Format.Channels * fmt.Encoding.BytesPerSample();
        long? length = declaredSize;

        // Streaming writers (ffmpeg to a pipe, an interrupted WavWriter) leave the size at 0xFFFFFFFF, and some leave
        // it at 0: either way the samples run to the end of the file, as ffmpeg reads them. A data chunk that really
        // is empty is then the end of the file, so it still reads as no frames.
        if (declaredSize is uint.MaxValue or 0)
            length = null;

        if (cursor.Stream.CanSeek)
        {
            long available = Math.Max(0, cursor.Stream.Length - dataOffset);
            length = Math.Min(length ?? available, available);
            if (cursor.Stream.Position != dataOffset)
                cursor.Stream.Position = dataOffset;
        }

        if (length is { } l)
            length = l - (l % blockAlign);
        return new WavHeader(fmt.Format, fmt.Encoding, dataOffset, length);
    }

    private static (AudioFormat, WavSampleEncoding) ParseFormat(ReadOnlySpan<byte> body)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(body[12..]);
        int bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);

        uint channelMask = 0;
        if (tag == FormatExtensible)
        {
            if (body.Length < 40)
                throw new WavFormatException("The WAV file says WAVE_FORMAT_EXTENSIBLE but its fmt chunk is too short.");
            ReadOnlySpan<byte> subFormat = body.Slice(24, 16);
            if (!subFormat[2..].SequenceEqual(SubFormatGuidTail))
                throw new WavFormatException($"The WAV extensible sub-format {new Guid(subFormat)} is not supported.");
            tag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
            channelMask = BinaryPrimitives.ReadUInt32LittleEndian(body[20..]);
        }

        WavSampleEncoding encoding = (tag, bitsPerSample) switch
        {
            (FormatPcm, 8) => WavSampleEncoding.Pcm8,
            (FormatPcm, 16) => WavSampleEncoding.Pcm16,
            (FormatPcm, 24) => WavSampleEncoding.Pcm24,
            (FormatPcm, 32) => WavSampleEncoding.Pcm32,
            (FormatIeeeFloat, 32) => WavSampleEncoding.Float32,
            (FormatIeeeFloat, 64) => WavSampleEncoding.Float64,
            (FormatPcm, _) => throw new WavFormatException($"{bitsPerSample}-bit PCM WAV is not supported (8, 16, 24 and 32 are)."),
            (FormatIeeeFloat, _) => throw new WavFormatException($"{bitsPerSample}-bit float WAV is not supported (32 and 64 are)."),
            _ => throw new WavFormatException($"WAV files encoded as {DescribeTag(tag)} are not supported; only PCM and IEEE float are."),
        };

        if (channels is < 1 or > 8)
            throw new WavFormatException($"A WAV file with {channels} channels is not supported (1 to 8 are).");
        if (sampleRate is < 1000 or > 768_000)
            throw new WavFormatException($"A WAV sample rate of {sampleRate} Hz is not supported.");
        if (blockAlign != channels * encoding.BytesPerSample())
            throw new WavFormatException($"The WAV header is inconsistent: {channels} channels of {bitsPerSample} bits cannot make {blockAlign}-byte frames.");

        // Plain fmt chunks state no layout; nor does an extensible one with a mask of 0 or one that disagrees with the
        // channel count. Those get the usual layout for their channel count.
        return (new AudioFormat((int)sampleRate, channels, ChannelLayout.FromMask(channelMask, channels)), encoding);
    }

    private static string DescribeTag(ushort tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0006 => "A-law",
        0x0007 => "µ-law",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MP3",
        _ => $"format tag 0x{tag:X4}",
    };

    /// <summary>Reads and skips forward while counting bytes, so positions are known on pipes too.</summary>
    private sealed class ChunkCursor(Stream stream)
    {
        private readonly long _start = stream.CanSeek ? stream.Position : 0;
        private long _consumed;

        public Stream Stream => stream;

        public long Position => _start + _consumed;

        public int ReadUpTo(Span<byte> buffer)
        {
            int got = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            _consumed += got;
            return got;
        }

        public void SkipPadding(uint chunkSize)
        {
            // RIFF chunks start on even offsets: an odd-sized chunk is followed by one pad byte.
            if ((chunkSize & 1) == 1)
                Skip(1);
        }

        public void Skip(long count)
        {
            if (stream.CanSeek)
            {
                stream.Position = Position + count;
                _consumed += count;
                return;
            }

            Span<byte> scratch = stackalloc byte[4096];
            while (count > 0)
            {
                int got = ReadUpTo(scratch[..(int)Math.Min(scratch.Length, count)]);
                if (got == 0)
                    return;
                count -= got;
            }
        }
    }
}
