using System.Globalization;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.UnitTests.Support;

namespace Soundscape.Audio.UnitTests.Decoding;

/// <summary>
/// Containers that only estimate their length from the bit rate (MP3 without a Xing header, ADTS AAC): the duration
/// is that of the decoded frames. Each file is 77.0 s of noise and silence, whose bit rates differ by far, so a guess
/// from the first frames is off by tens or hundreds of seconds.
/// </summary>
public sealed class EstimatedDurationTests
{
    private const double Seconds = 77.0;

    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    /// <summary>A file to make: its name, whether the noise comes first, the encoder's arguments, and whether ffprobe's guess is far off.</summary>
    public sealed record EstimatedFile(string Name, bool NoiseFirst, string[] Encoder, bool EstimateIsFarOff)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<EstimatedFile> Files()
    {
        string[] vbrMp3 = ["-c:a", "libmp3lame", "-q:a", "2", "-write_xing", "0"];
        string[] adts = ["-c:a", "aac", "-b:a", "128k", "-f", "adts"];
        yield return new EstimatedFile("vbr-mp3-without-xing-loud-start.mp3", true, vbrMp3, true);
        yield return new EstimatedFile("vbr-mp3-without-xing-quiet-start.mp3", false, vbrMp3, true);
        yield return new EstimatedFile("adts-loud-start.aac", true, adts, true);
        yield return new EstimatedFile("adts-quiet-start.aac", false, adts, true);
        // Constant bit rate: the estimate happens to be right; the decoded count must agree with it.
        yield return new EstimatedFile("cbr-mp3-without-xing.mp3", true, ["-c:a", "libmp3lame", "-b:a", "128k", "-write_xing", "0"], false);
    }

    [TestCaseSource(nameof(Files))]
    public async Task MeasureDuration_OfAFileWhoseContainerOnlyEstimatesItsLength_IsTheLengthOfItsDecodedFrames(EstimatedFile file)
    {
        string path = Make(file);
        if (file.EstimateIsFarOff)
            Math.Abs(ContainerEstimate(path) - Seconds).ShouldBeGreaterThan(5, "ffprobe's own estimate must be wrong, or this proves nothing");

        TimeSpan duration = await new AudioDecoder().MeasureDurationAsync(path);

        duration.TotalSeconds.ShouldBe(Seconds, tolerance: 0.1);
    }

    [TestCaseSource(nameof(Files))]
    public async Task Open_AFileWhoseContainerOnlyEstimatesItsLength_ClaimsNoLengthAndDecodesAllOfIt(EstimatedFile file)
    {
        string path = Make(file);

        using IAudioReader reader = await new AudioDecoder().OpenAsync(path);
        int samples = TestSignals.ReadAll(reader).Length;

        reader.Duration.ShouldBeNull("an estimate is not a length");
        ((double)samples / reader.Format.Channels / reader.Format.SampleRate).ShouldBe(Seconds, tolerance: 0.1);
    }

    // 44.1 kHz stereo: 8 s of white noise and 69 s of silence (or the other way round), encoded once per name.
    private string Make(EstimatedFile file)
    {
        string path = _temp.File(file.Name);
        if (File.Exists(path))
            return path;
        string noise = "anoisesrc=d=8:c=white:r=44100:a=0.5";
        string silence = "anullsrc=r=44100:cl=stereo:d=69";
        (string first, string second) = file.NoiseFirst ? (noise, silence) : (silence, noise);
        ExternalTool.RunOrIgnore("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", first, "-f", "lavfi", "-i", second,
            "-filter_complex", "[0][1]concat=n=2:v=0:a=1", "-ac", "2", .. file.Encoder, path]);
        return path;
    }

    private static double ContainerEstimate(string path) =>
        double.Parse(ExternalTool.OutputOrIgnore("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path).Trim(),
            CultureInfo.InvariantCulture);
}
