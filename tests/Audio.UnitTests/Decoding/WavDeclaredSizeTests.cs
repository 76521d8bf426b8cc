using System.Buffers.Binary;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.UnitTests.Support;

namespace Soundscape.Audio.UnitTests.Decoding;

/// <summary>
/// WAV files whose data chunk says 0 bytes: read the way ffmpeg reads them (the samples run to the end of the file),
/// and an empty one is zero frames. Files are built byte by byte and read through <see cref="AudioDecoder"/>.
/// </summary>
public sealed class WavDeclaredSizeTests
{
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    public static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData(1, 44_100, 16, 22_050).SetArgDisplayNames("mono 16-bit", "0.5 s");
        yield return new TestCaseData(2, 48_000, 24, 48_000).SetArgDisplayNames("stereo 24-bit", "1 s");
        yield return new TestCaseData(2, 22_050, 8, 7).SetArgDisplayNames("stereo 8-bit", "7 frames");
    }

    [TestCaseSource(nameof(Layouts))]
    public async Task Open_WavWhoseDataSizeSaysZeroButSamplesFollow_ReadsEverySampleToTheEndOfTheFile(int channels, int rate, int bits, int frames)
    {
        byte[] samples = Ramp(frames * channels, bits);
        string path = _temp.File($"zero-size-{channels}-{bits}.wav");
        await File.WriteAllBytesAsync(path, new RiffBuilder()
            .Chunk("fmt ", RiffBuilder.PcmFormat(1, channels, rate, bits))
            .ChunkWithDeclaredSize("data", 0, samples)
            .Build());
        var decoder = new AudioDecoder();

        using IAudioReader reader = await decoder.OpenAsync(path);
        float[] decoded = TestSignals.ReadAll(reader);
        TimeSpan duration = await decoder.MeasureDurationAsync(path);

        decoded.Length.ShouldBe(frames * channels);
        duration.TotalSeconds.ShouldBe((double)frames / rate, tolerance: 1e-6); // TimeSpan counts 100 ns ticks
        decoded.ShouldBe(FfmpegDecode(path), tolerance: 1e-6, "ffmpeg reads the same samples");
    }

    [TestCase(0u)]
    [TestCase(uint.MaxValue)]
    public async Task MeasureDuration_OfAWavWithAnEmptyDataChunk_IsZeroFrames(uint declaredSize)
    {
        string path = _temp.File($"empty-{declaredSize}.wav");
        await File.WriteAllBytesAsync(path, new RiffBuilder()
            .Chunk("fmt ", RiffBuilder.PcmFormat(1, 2, 44_100, 16))
            .ChunkWithDeclaredSize("data", declaredSize, [0x01, 0x02, 0x03])
            .Build());
        var decoder = new AudioDecoder();

        using IAudioReader reader = await decoder.OpenAsync(path);

        TestSignals.ReadAll(reader).ShouldBeEmpty();
        (await decoder.MeasureDurationAsync(path)).ShouldBe(TimeSpan.Zero);
    }

    // A ramp through the whole range, so a misplaced byte shows up as a wrong sample, not as silence matching silence.
    private static byte[] Ramp(int count, int bits)
    {
        int bytes = bits / 8;
        var data = new byte[count * bytes];
        for (int i = 0; i < count; i++)
        {
            double x = -0.9 + (1.8 * i / Math.Max(1, count - 1));
            switch (bits)
            {
                case 8:
                    data[i] = (byte)(128 + (int)(x * 127));
                    break;
                case 16:
                    BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), (short)(x * 32_767));
                    break;
                case 24:
                    int v = (int)(x * 8_388_607);
                    data[i * 3] = (byte)v;
                    data[(i * 3) + 1] = (byte)(v >> 8);
                    data[(i * 3) + 2] = (byte)(v >> 16);
                    break;
            }
        }

        return data;
    }

    private float[] FfmpegDecode(string path)
    {
        string raw = _temp.File(Path.GetFileNameWithoutExtension(path) + ".f32");
        ExternalTool.RunOrIgnore("ffmpeg", "-v", "error", "-y", "-i", path, "-f", "f32le", "-c:a", "pcm_f32le", raw);
        byte[] bytes = File.ReadAllBytes(raw);
        var samples = new float[bytes.Length / 4];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        return samples;
    }
}
