using Soundscape.Audio.Analysis;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Decoding;

/// <summary>
/// NaN and ±Infinity in float files are silence once decoded, whichever decoder read them: stated through
/// <see cref="AudioDecoder"/>, so the tests hold whatever WAV codec sits behind it.
/// </summary>
public sealed class NonFiniteSampleTests
{
    private const int Rate = 44_100;
    private static readonly float[] Poison = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -float.NaN];

    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    // Positions spread over the file, one of them the very first sample and one in the middle of a read buffer.
    private static readonly int[] PoisonedAt = [0, 1, 4_097, 44_100, 300_001, 600_000];

    private static float[] Poisoned(float[] clean)
    {
        var samples = (float[])clean.Clone();
        for (int i = 0; i < PoisonedAt.Length; i++)
            samples[PoisonedAt[i]] = Poison[i % Poison.Length];
        return samples;
    }

    [TestCase(WavSampleEncoding.Float32, "wav")]
    [TestCase(WavSampleEncoding.Float64, "wav")]
    [TestCase(WavSampleEncoding.Float32, "caf")]
    public async Task Open_FloatFileWithNaNAndInfinity_DecodesThemAsSilenceAndKeepsEveryOtherSample(WavSampleEncoding encoding, string container)
    {
        float[] clean = SoundGenerators.Rain(15, Rate, seed: 4);
        string path = Write(Poisoned(clean), encoding, container);

        using IAudioReader reader = await new AudioDecoder().OpenAsync(path);
        float[] decoded = TestSignals.ReadAll(reader);

        decoded.Length.ShouldBe(clean.Length);
        decoded.ShouldAllBe(s => float.IsFinite(s));
        foreach (int i in PoisonedAt)
            decoded[i].ShouldBe(0f, $"sample {i}");
        for (int i = 0; i < clean.Length; i++)
        {
            if (Array.IndexOf(PoisonedAt, i) < 0 && Math.Abs(decoded[i] - clean[i]) > 1e-6f)
                Assert.Fail($"Sample {i} is {decoded[i]}, not {clean[i]}.");
        }
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Analyze_FloatWavWithNaNSamples_GivesTheEmbeddingOfTheSameFileWithoutThem(int seed)
    {
        float[] clean = SoundGenerators.Blend(SoundGenerators.Rain(15, Rate, seed), SoundGenerators.Thunder(15, Rate, seed + 10));
        string cleanPath = Write(clean, WavSampleEncoding.Float32, "wav");
        string poisonedPath = Write(Poisoned(clean), WavSampleEncoding.Float32, "wav");

        double[] expected = await EmbeddingOf(cleanPath);
        double[] actual = await EmbeddingOf(poisonedPath);

        expected.Max().ShouldBeGreaterThan(0.2, "the clean file has a character to lose");
        actual.ShouldAllBe(v => double.IsFinite(v));
        for (int axis = 0; axis < expected.Length; axis++)
            actual[axis].ShouldBe(expected[axis], tolerance: 0.01, $"axis {axis}");
    }

    private static async Task<double[]> EmbeddingOf(string path)
    {
        using IAudioReader reader = await new AudioDecoder().OpenAsync(path);
        return new EmbeddingAnalyzer().Analyze(reader).Embedding.ToArray();
    }

    private string Write(float[] mono, WavSampleEncoding encoding, string container)
    {
        string wav = _temp.File($"{Guid.NewGuid():N}.wav");
        using (var writer = WavWriter.Create(wav, new AudioFormat(Rate, 1), encoding))
            writer.Write(mono);
        if (container == "wav")
            return wav;

        // Another container carrying the same float samples, so ffmpeg (not our WAV reader) decodes them.
        string other = Path.ChangeExtension(wav, container);
        ExternalTool.RunOrIgnore("ffmpeg", "-v", "error", "-y", "-i", wav, "-c:a", "pcm_f32be", other);
        return other;
    }
}
