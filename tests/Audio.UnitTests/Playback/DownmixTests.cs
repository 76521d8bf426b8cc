using Soundscape.Audio.Analysis;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Playback;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Playback;

/// <summary>
/// Surround to stereo follows the channel layout: every speaker plays its own tone and the stereo result is measured
/// per channel in dBFS (RMS of that tone). Front left/right stay at 0 dB on their side, the centre reaches both sides
/// at −3 dB, surrounds their own side at −3 dB, LFE is dropped.
/// </summary>
public sealed class DownmixTests
{
    private const int Rate = 48_000;
    private const float Amplitude = 0.25f; // −15 dBFS RMS per tone
    private static readonly double SourceDbfs = Signals.Db(Amplitude / Math.Sqrt(2));

    // A tone per speaker, on whole cycles of the one-second window so that each measures alone.
    private static readonly Dictionary<string, int> ToneHz = new()
    {
        ["FL"] = 300, ["FR"] = 500, ["FC"] = 700, ["LFE"] = 60, ["BL"] = 1100, ["BR"] = 1300, ["SL"] = 1700, ["SR"] = 1900, ["BC"] = 2300,
    };

    // (left, right) in dB relative to the source; null: not heard on that side at all.
    private static readonly Dictionary<string, (double? Left, double? Right)> Expected = new()
    {
        ["FL"] = (0, null), ["FR"] = (null, 0), ["FC"] = (-3.01, -3.01), ["LFE"] = (null, null),
        ["BL"] = (-3.01, null), ["BR"] = (null, -3.01), ["SL"] = (-3.01, null), ["SR"] = (null, -3.01), ["BC"] = (-3.01, -3.01),
    };

    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    public static IEnumerable<TestCaseData> Files()
    {
        yield return new TestCaseData("5.1", "wav", (string[])["FL", "FR", "FC", "LFE", "BL", "BR"]).SetArgDisplayNames("5.1", "WAV by ffmpeg (channel mask)");
        yield return new TestCaseData("5.1(side)", "wav", (string[])["FL", "FR", "FC", "LFE", "SL", "SR"]).SetArgDisplayNames("5.1(side)", "WAV by ffmpeg (channel mask)");
        yield return new TestCaseData("5.1(side)", "flac", (string[])["FL", "FR", "FC", "LFE", "SL", "SR"]).SetArgDisplayNames("5.1(side)", "FLAC, decoded by ffmpeg");
        yield return new TestCaseData("6.1", "wav", (string[])["FL", "FR", "FC", "LFE", "BC", "SL", "SR"]).SetArgDisplayNames("6.1", "WAV by ffmpeg (channel mask)");
        yield return new TestCaseData("7.1", "wav", (string[])["FL", "FR", "FC", "LFE", "BL", "BR", "SL", "SR"]).SetArgDisplayNames("7.1", "WAV by ffmpeg (channel mask)");
        yield return new TestCaseData("7.1", "flac", (string[])["FL", "FR", "FC", "LFE", "BL", "BR", "SL", "SR"]).SetArgDisplayNames("7.1", "FLAC, decoded by ffmpeg");
        yield return new TestCaseData(null, "wav", (string[])["FL", "FR", "FC", "LFE", "BL", "BR"]).SetArgDisplayNames("6 channels", "plain WAV written in code (no mask)");
    }

    [TestCaseSource(nameof(Files))]
    public async Task ConvertToStereo_OfASurroundFile_PlacesEverySpeakerByTheLayout(string? layout, string container, string[] speakers)
    {
        string path = Make(layout, container, speakers);
        using IAudioReader reader = await new AudioDecoder().OpenAsync(path);
        using var source = new AudioReaderSource(() => reader);

        float[] stereo = Signals.Render(source.ConvertTo(new AudioFormat(Rate, 2)), maxFrames: Rate);

        stereo.Length.ShouldBe(2 * Rate);
        ShouldPlaceEachSpeaker(stereo, speakers);
    }

    [TestCase("FL FR FC LFE BL BR")]
    [TestCase("FL FR FC LFE SL SR")]
    [TestCase("FL FR FC LFE BC SL SR")]
    [TestCase("FL FR FC BC")]
    public void Conversion_FromASurroundLayoutToStereo_PlacesEverySpeakerByTheLayout(string layout)
    {
        string[] speakers = layout.Split(' ');
        var format = new AudioFormat(Rate, speakers.Length, Layout(speakers));
        var samples = new float[Rate * speakers.Length];
        for (var c = 0; c < speakers.Length; c++)
            Interleave(samples, Tone(ToneHz[speakers[c]]), c, speakers.Length);

        float[] stereo = Signals.Render(new BufferSource(samples, format).ConvertTo(new AudioFormat(Rate, 2)));

        ShouldPlaceEachSpeaker(stereo, speakers);
    }

    [Test]
    public void Conversion_StereoToMono_StillAverages()
    {
        var stereo = new AudioFormat(Rate, 2);
        Signals.Render(new BufferSource([1f, 0f, 0.5f, -0.5f], stereo).ConvertTo(new AudioFormat(Rate, 1))).ShouldBe([0.5f, 0f]);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Analyze_SurroundWithTheSoundInTheCentreAndAHumInTheLfe_HearsTheCentreAtMinus3dBAndNotTheLfe(int seed)
    {
        const int rate = 44_100;
        float[] rain = SoundGenerators.Rain(20, rate, seed);
        float[] hum = Tone(50, rate, rain.Length);
        var surround = new float[rain.Length * 6];
        Interleave(surround, rain, 2, 6);
        Interleave(surround, hum, 3, 6);
        string path = _temp.File($"centre-and-lfe-{seed}.wav");
        using (var writer = WavWriter.Create(path, new AudioFormat(rate, 6), WavSampleEncoding.Float32))
            writer.Write(surround);
        var analyzer = new EmbeddingAnalyzer();

        using var reader = WavReader.Open(path);
        double[] actual = analyzer.Analyze(reader).Embedding.ToArray();
        double[] expected = analyzer.Analyze(rain.Select(s => s * 0.70710678f).ToArray(), rate).Embedding.ToArray();

        expected.Max().ShouldBeGreaterThan(0.3);
        for (var axis = 0; axis < expected.Length; axis++)
            actual[axis].ShouldBe(expected[axis], tolerance: 1e-3, $"axis {axis}");
    }

    private static void ShouldPlaceEachSpeaker(float[] stereo, string[] speakers)
    {
        float[] left = Signals.Channel(stereo, 2, 0), right = Signals.Channel(stereo, 2, 1);
        foreach (string speaker in speakers)
        {
            (double? expectedLeft, double? expectedRight) = Expected[speaker];
            ShouldBeAt(left, speaker, "left", expectedLeft);
            ShouldBeAt(right, speaker, "right", expectedRight);
        }
    }

    private static void ShouldBeAt(float[] side, string speaker, string sideName, double? relativeDb)
    {
        double dbfs = Signals.Db(Signals.ToneRms(side, Rate, ToneHz[speaker]) + 1e-12);
        if (relativeDb is { } db)
            dbfs.ShouldBe(SourceDbfs + db, tolerance: 0.2, $"{speaker} on the {sideName} (dBFS)");
        else
            dbfs.ShouldBeLessThan(SourceDbfs - 60, $"{speaker} must not reach the {sideName}");
    }

    private static ChannelLayout Layout(string[] speakers)
    {
        Speaker mask = Speaker.None;
        foreach (string s in speakers)
        {
            mask |= s switch
            {
                "FL" => Speaker.FrontLeft, "FR" => Speaker.FrontRight, "FC" => Speaker.FrontCenter, "LFE" => Speaker.LowFrequency,
                "BL" => Speaker.BackLeft, "BR" => Speaker.BackRight, "BC" => Speaker.BackCenter, "SL" => Speaker.SideLeft, _ => Speaker.SideRight,
            };
        }
        return ChannelLayout.FromMask((ulong)mask, speakers.Length);
    }

    private string Make(string? layout, string container, string[] speakers)
    {
        string path = _temp.File($"{layout ?? "plain"}.{container}".Replace('(', '-').Replace(")", ""));
        if (File.Exists(path))
            return path;
        if (layout is null)
        {
            // WavWriter writes a plain fmt chunk: no mask, so the usual 6-channel layout (5.1) applies.
            var samples = new float[Rate * speakers.Length];
            for (var c = 0; c < speakers.Length; c++)
                Interleave(samples, Tone(ToneHz[speakers[c]]), c, speakers.Length);
            using var writer = WavWriter.Create(path, new AudioFormat(Rate, speakers.Length), WavSampleEncoding.Float32);
            writer.Write(samples);
            return path;
        }

        var arguments = new List<string> { "-v", "error", "-y" };
        foreach (string speaker in speakers)
            arguments.AddRange(["-f", "lavfi", "-i", $"sine=f={ToneHz[speaker]}:d=1:r={Rate}"]);
        string inputs = string.Concat(speakers.Select((_, i) => $"[{i}]"));
        string map = string.Join('|', speakers.Select((s, i) => $"{i}.0-{s}"));
        arguments.AddRange(["-filter_complex", $"{inputs}join=inputs={speakers.Length}:channel_layout={layout}:map={map},volume={Amplitude / 0.125:0.###}"]);
        arguments.AddRange(container == "wav" ? ["-c:a", "pcm_f32le", path] : ["-c:a", "flac", "-sample_fmt", "s32", path]);
        ExternalTool.RunOrIgnore("ffmpeg", [.. arguments]);
        return path;
    }

    private static float[] Tone(int hz, int rate = Rate, int frames = Rate)
    {
        var tone = new float[frames];
        for (var i = 0; i < frames; i++)
            tone[i] = (float)(Amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
        return tone;
    }

    private static void Interleave(float[] into, float[] channel, int index, int channels)
    {
        for (var f = 0; f < channel.Length; f++)
            into[(f * channels) + index] = channel[f];
    }
}
