using Soundscape.Audio.Analysis;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Analysis;

/// <summary>
/// Issue 15, item 3: the embedding does not depend on the file. One generated recording is written as a 44.1 kHz WAV,
/// then made by ffmpeg into WAV at 48 and 96 kHz, MP3 at 128 kbit/s, AAC at 128 kbit/s and Ogg Vorbis q3–q5; each is
/// decoded as the server decodes uploads and must keep the top axis of the WAV, with every axis within 0.1 of it.
/// </summary>
public sealed class FormatInvarianceTests
{
    private const int Rate = 44_100;
    private const double Seconds = 20;

    private static readonly (string Name, string Extension, string[] Arguments)[] Variants =
    [
        ("WAV 48 kHz", "wav", ["-ar", "48000", "-c:a", "pcm_s16le"]),
        ("WAV 96 kHz", "wav", ["-ar", "96000", "-c:a", "pcm_s24le"]),
        ("MP3 128k", "mp3", ["-c:a", "libmp3lame", "-b:a", "128k"]),
        ("AAC 128k", "m4a", ["-c:a", "aac", "-b:a", "128k"]),
        ("Ogg q3", "ogg", ["-c:a", "libvorbis", "-q:a", "3"]),
        ("Ogg q4", "ogg", ["-c:a", "libvorbis", "-q:a", "4"]),
        ("Ogg q5", "ogg", ["-c:a", "libvorbis", "-q:a", "5"]),
    ];

    public static IEnumerable<TestCaseData> Recordings()
    {
        yield return new TestCaseData("rain", (Func<float[]>)(() => SoundGenerators.Rain(Seconds, Rate, 21))).SetArgDisplayNames("rain");
        yield return new TestCaseData("fire", (Func<float[]>)(() => SoundGenerators.Fire(Seconds, Rate, 22))).SetArgDisplayNames("fire");
        yield return new TestCaseData("waves", (Func<float[]>)(() => SoundGenerators.Waves(Seconds, Rate, 23))).SetArgDisplayNames("waves");
    }

    [TestCaseSource(nameof(Recordings))]
    public async Task Analyze_TheSameRecordingInEveryFormatAndRate_KeepsItsTopAxisAndEveryAxisWithinATenth(string name, Func<float[]> generate)
    {
        using var folder = new TempDirectory();
        string reference = Path.Combine(folder.Path, $"{name}.wav");
        using (var writer = WavWriter.Create(reference, new AudioFormat(Rate, 1), WavSampleEncoding.Pcm16))
            writer.Write(generate());
        double[] expected = await AnalyseAsync(reference);
        int top = Array.IndexOf(expected, expected.Max());

        foreach (var (variant, extension, arguments) in Variants)
        {
            string path = Path.Combine(folder.Path, $"{name}-{variant.Replace(' ', '-')}.{extension}");
            ExternalTool.RunOrIgnore("ffmpeg", ["-v", "error", "-nostdin", "-y", "-i", reference, .. arguments, path]);

            double[] axes = await AnalyseAsync(path);

            string shown = $"{variant}: [{Show(axes)}] against the WAV's [{Show(expected)}]";
            Array.IndexOf(axes, axes.Max()).ShouldBe(top, shown);
            for (int axis = 0; axis < axes.Length; axis++)
                Math.Abs(axes[axis] - expected[axis]).ShouldBeLessThanOrEqualTo(0.1, shown);
        }
    }

    private static async Task<double[]> AnalyseAsync(string path)
    {
        using IAudioReader reader = await new AudioDecoder().OpenAsync(path);
        return new EmbeddingAnalyzer().Analyze(reader).Embedding.ToArray();
    }

    private static string Show(double[] axes) => string.Join(", ", axes.Select(a => a.ToString("F2")));
}
