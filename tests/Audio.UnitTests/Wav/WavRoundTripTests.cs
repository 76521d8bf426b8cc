using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Wav;

public sealed class WavRoundTripTests
{
    private static readonly AudioFormat StereoCd = new(44_100, 2);

    [TestCase(WavSampleEncoding.Pcm8, 1f / 64)]
    [TestCase(WavSampleEncoding.Pcm16, 1f / 16_384)]
    [TestCase(WavSampleEncoding.Pcm24, 1f / 4_000_000)]
    [TestCase(WavSampleEncoding.Pcm32, 1e-7f)]
    [TestCase(WavSampleEncoding.Float32, 0f)]
    [TestCase(WavSampleEncoding.Float64, 0f)]
    public void WriteThenRead_EachEncoding_ReturnsTheSamplesWithinOneQuantisationStep(WavSampleEncoding encoding, float tolerance)
    {
        float[] original = TestSignals.Sine(440, 0.1, StereoCd.SampleRate, channels: 2, amplitude: 0.9f);
        original[0] = -1f;
        original[1] = 1f;

        byte[] file = Write(original, StereoCd, encoding);
        using var reader = new WavReader(new MemoryStream(file));
        float[] decoded = TestSignals.ReadAll(reader);

        reader.Encoding.ShouldBe(encoding);
        reader.Format.ShouldBe(StereoCd);
        decoded.Length.ShouldBe(original.Length);
        for (int i = 0; i < original.Length; i++)
            Math.Abs(decoded[i] - original[i]).ShouldBeLessThanOrEqualTo(tolerance, $"sample {i}");
    }

    [Test]
    public void Read_Pcm24Stereo_ReturnsSamplesScaledToUnitRange()
    {
        // Left: full-scale negative and one LSB; right: full-scale positive and minus one LSB.
        byte[] data = [0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0xFF];
        byte[] file = new RiffBuilder().Chunk("fmt ", RiffBuilder.PcmFormat(1, 2, 48_000, 24)).Chunk("data", data).Build();

        using var reader = new WavReader(new MemoryStream(file));
        float[] samples = TestSignals.ReadAll(reader);

        samples.ShouldBe([-1f, 8_388_607f / 8_388_608f, 1f / 8_388_608f, -1f / 8_388_608f]);
    }

    [Test]
    public void Reader_ReportsFramesAndDurationFromTheDataChunk()
    {
        byte[] file = Write(new float[44_100 * 2 * 3 / 2], StereoCd, WavSampleEncoding.Pcm16);

        using var reader = new WavReader(new MemoryStream(file));

        reader.TotalFrames.ShouldBe(66_150);
        reader.Duration.ShouldBe(TimeSpan.FromSeconds(1.5));
    }

    [Test]
    public void Read_InOddSmallBuffers_GivesTheSameSamplesAsOneLargeRead()
    {
        float[] original = TestSignals.Sine(1000, 0.05, StereoCd.SampleRate, channels: 2);
        byte[] file = Write(original, StereoCd, WavSampleEncoding.Pcm24);

        using var reader = new WavReader(new ForwardOnlyStream(new MemoryStream(file), maxReadSize: 37));
        var pieces = new List<float>();
        var buffer = new float[7 * 2 + 1]; // room for 7.5 frames: the reader must hand out whole frames only
        int got;
        while ((got = reader.Read(buffer)) > 0)
        {
            (got % 2).ShouldBe(0);
            pieces.AddRange(buffer.AsSpan(0, got));
        }

        using var whole = new WavReader(new MemoryStream(file));
        pieces.ToArray().ShouldBe(TestSignals.ReadAll(whole));
    }

    [Test]
    public void Writer_PatchesRiffAndDataSizesOnDispose()
    {
        byte[] file = Write(new float[10], new AudioFormat(8000, 1), WavSampleEncoding.Pcm16);

        file.Length.ShouldBe(44 + 20);
        BitConverter.ToUInt32(file, 4).ShouldBe((uint)(file.Length - 8));
        BitConverter.ToUInt32(file, 40).ShouldBe(20u);
    }

    [Test]
    public void Writer_WithOddDataLength_AddsOnePadByteAfterTheData()
    {
        byte[] file = Write(new float[3], new AudioFormat(8000, 1), WavSampleEncoding.Pcm8);

        file.Length.ShouldBe(44 + 4);
        BitConverter.ToUInt32(file, 40).ShouldBe(3u);
        using var reader = new WavReader(new MemoryStream(file));
        reader.TotalFrames.ShouldBe(3);
    }

    [Test]
    public void Writer_Float32_WritesAFactChunkWithTheFrameCount()
    {
        byte[] file = Write(new float[8], StereoCd, WavSampleEncoding.Float32);

        System.Text.Encoding.ASCII.GetString(file, 38, 4).ShouldBe("fact");
        BitConverter.ToUInt32(file, 46).ShouldBe(4u);
    }

    [Test]
    public void Writer_ToANonSeekableStream_LeavesOpenEndedSizesThatReadToTheEnd()
    {
        var sink = new MemoryStream();
        using (var writer = new WavWriter(new ForwardOnlyStream(sink), StereoCd, WavSampleEncoding.Pcm16, leaveOpen: true))
            writer.Write(TestSignals.Sine(440, 0.01, StereoCd.SampleRate, channels: 2));

        byte[] file = sink.ToArray();
        BitConverter.ToUInt32(file, 40).ShouldBe(uint.MaxValue);
        using var reader = new WavReader(new ForwardOnlyStream(new MemoryStream(file)));
        reader.TotalFrames.ShouldBeNull();
        TestSignals.ReadAll(reader).Length.ShouldBe(441 * 2);
    }

    [Test]
    public void Writer_GivenAPartialFrame_IsRefused()
    {
        using var writer = new WavWriter(new MemoryStream(), StereoCd);

        Should.Throw<ArgumentException>(() => writer.Write(new float[3]));
    }

    [Test]
    public void Writer_ClipsSamplesBeyondFullScaleInsteadOfWrappingAround()
    {
        byte[] file = Write([1.5f, -3f], new AudioFormat(8000, 1), WavSampleEncoding.Pcm16);

        using var reader = new WavReader(new MemoryStream(file));
        float[] samples = TestSignals.ReadAll(reader);

        samples[0].ShouldBe(32_767f / 32_768f);
        samples[1].ShouldBe(-32_767f / 32_768f);
    }

    internal static byte[] Write(float[] samples, AudioFormat format, WavSampleEncoding encoding)
    {
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, format, encoding, leaveOpen: true))
            writer.Write(samples);
        return stream.ToArray();
    }
}
