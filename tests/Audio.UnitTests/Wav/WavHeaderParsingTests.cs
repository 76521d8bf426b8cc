using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Wav;

public sealed class WavHeaderParsingTests
{
    private static readonly byte[] TwoStereoPcm16Frames = [0x00, 0x40, 0x00, 0xC0, 0xFF, 0x7F, 0x00, 0x80];
    private static readonly float[] TwoStereoPcm16FramesDecoded = [0.5f, -0.5f, 32_767f / 32_768f, -1f];

    [Test]
    public void Read_ExtensibleHeaderWith24BitPcm_DecodesLikePlainPcm()
    {
        byte[] data = [0x00, 0x00, 0x40, 0x00, 0x00, 0xC0];
        byte[] file = new RiffBuilder()
            .Chunk("fmt ", RiffBuilder.ExtensibleFormat(subFormatTag: 1, channels: 2, sampleRate: 96_000, bitsPerSample: 24, validBits: 24, channelMask: 0x3))
            .Chunk("data", data)
            .Build();

        using var reader = new WavReader(new MemoryStream(file));

        reader.Format.ShouldBe(new AudioFormat(96_000, 2));
        reader.Encoding.ShouldBe(WavSampleEncoding.Pcm24);
        TestSignals.ReadAll(reader).ShouldBe([0.5f, -0.5f]);
    }

    [Test]
    public void Read_ExtensibleHeaderWithFloatSubFormat_DecodesFloats()
    {
        byte[] data = [.. BitConverter.GetBytes(0.25f), .. BitConverter.GetBytes(-0.75f)];
        byte[] file = new RiffBuilder()
            .Chunk("fmt ", RiffBuilder.ExtensibleFormat(subFormatTag: 3, channels: 1, sampleRate: 48_000, bitsPerSample: 32, validBits: 32, channelMask: 0x4))
            .Chunk("data", data)
            .Build();

        using var reader = new WavReader(new MemoryStream(file));

        reader.Encoding.ShouldBe(WavSampleEncoding.Float32);
        TestSignals.ReadAll(reader).ShouldBe([0.25f, -0.75f]);
    }

    [Test]
    public void Read_UnknownChunksOfOddSizeBeforeAndAfterFmt_AreSkipped()
    {
        byte[] file = new RiffBuilder()
            .Chunk("JUNK", new byte[3])
            .Chunk("fmt ", RiffBuilder.PcmFormat(1, 2, 44_100, 16))
            .Chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0"u8.ToArray())
            .Chunk("bext", new byte[5])
            .Chunk("data", TwoStereoPcm16Frames)
            .Build();

        using var reader = new WavReader(new ForwardOnlyStream(new MemoryStream(file)));

        TestSignals.ReadAll(reader).ShouldBe(TwoStereoPcm16FramesDecoded);
    }

    [Test]
    public void Read_DataChunkBeforeFmtOnASeekableStream_StillFindsTheSamples()
    {
        byte[] file = new RiffBuilder()
            .Chunk("data", TwoStereoPcm16Frames)
            .Chunk("fmt ", RiffBuilder.PcmFormat(1, 2, 44_100, 16))
            .Build();

        using var reader = new WavReader(new MemoryStream(file));

        TestSignals.ReadAll(reader).ShouldBe(TwoStereoPcm16FramesDecoded);
    }

    [Test]
    public void Read_DataChunkLongerThanTheFile_ReadsTheWholeFramesThatArePresent()
    {
        byte[] file = new RiffBuilder()
            .Chunk("fmt ", RiffBuilder.PcmFormat(1, 2, 44_100, 16))
            .ChunkWithDeclaredSize("data", 1000, [.. TwoStereoPcm16Frames, 0x01, 0x02])
            .Build();

        using var reader = new WavReader(new MemoryStream(file));

        reader.TotalFrames.ShouldBe(2);
        TestSignals.ReadAll(reader).ShouldBe(TwoStereoPcm16FramesDecoded);
    }

    [Test]
    public void Open_TextFile_IsRefusedAsNotAWavFile()
    {
        var text = new MemoryStream("Hello, this is certainly not audio at all."u8.ToArray());

        var error = Should.Throw<WavFormatException>(() => new WavReader(text));

        error.Message.ShouldContain("not a WAV file");
    }

    [Test]
    public void Open_EmptyStream_IsRefusedAsNotAWavFile() =>
        Should.Throw<WavFormatException>(() => new WavReader(new MemoryStream())).Message.ShouldContain("not a WAV file");

    [TestCase(6)]
    [TestCase(20)]
    [TestCase(30)]
    public void Open_FileCutInsideTheHeader_IsRefusedAsTruncated(int keptBytes)
    {
        byte[] file = WavRoundTripTests.Write(new float[100], new AudioFormat(8000, 1), WavSampleEncoding.Pcm16);

        var error = Should.Throw<WavFormatException>(() => new WavReader(new MemoryStream(file[..keptBytes])));

        error.Message.ShouldContain("truncated");
    }

    [Test]
    public void Open_FileWithoutDataChunk_IsRefused()
    {
        byte[] file = new RiffBuilder().Chunk("fmt ", RiffBuilder.PcmFormat(1, 1, 8000, 16)).Build();

        Should.Throw<WavFormatException>(() => new WavReader(new MemoryStream(file))).Message.ShouldContain("no data chunk");
    }

    [TestCase(7, 8, "µ-law")]
    [TestCase(6, 8, "A-law")]
    [TestCase(2, 4, "ADPCM")]
    [TestCase(0x11, 4, "ADPCM")]
    public void Open_CompressedEncoding_IsRefusedNamingTheEncoding(int tag, int bits, string name)
    {
        byte[] file = new RiffBuilder().Chunk("fmt ", RiffBuilder.PcmFormat(tag, 1, 8000, bits)).Chunk("data", new byte[16]).Build();

        var error = Should.Throw<WavFormatException>(() => new WavReader(new MemoryStream(file)));

        error.Message.ShouldContain(name);
        error.ShouldBeAssignableTo<UnsupportedAudioException>();
    }

    [Test]
    public void Open_Pcm12Bit_IsRefusedNamingTheBitDepth()
    {
        byte[] file = new RiffBuilder().Chunk("fmt ", RiffBuilder.PcmFormat(1, 1, 8000, 12)).Chunk("data", new byte[16]).Build();

        Should.Throw<WavFormatException>(() => new WavReader(new MemoryStream(file))).Message.ShouldContain("12-bit PCM");
    }

    [Test]
    public void Open_BlockAlignThatDoesNotMatchTheChannels_IsRefusedAsInconsistent()
    {
        byte[] fmt = RiffBuilder.PcmFormat(1, 2, 8000, 16);
        fmt[12] = 3;
        byte[] file = new RiffBuilder().Chunk("fmt ", fmt).Chunk("data", new byte[16]).Build();

        Should.Throw<WavFormatException>(() => new WavReader(new MemoryStream(file))).Message.ShouldContain("inconsistent");
    }
}
