using Soundscape.Audio.Decoding;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Decoding;

public sealed class AudioDecoderTests
{
    private const double ToneSeconds = 2.0;
    private static readonly AudioFormat StereoCd = new(44_100, 2);

    private TempDirectory _temp = null!;
    private string _wavPath = null!;

    [OneTimeSetUp]
    public void CreateToneFile()
    {
        _temp = new TempDirectory();
        _wavPath = _temp.File("tone.wav");
        using var writer = WavWriter.Create(_wavPath, StereoCd, WavSampleEncoding.Pcm16);
        writer.Write(TestSignals.Sine(440, ToneSeconds, StereoCd.SampleRate, channels: 2));
    }

    [OneTimeTearDown]
    public void DeleteFiles() => _temp.Dispose();

    // Each ffmpeg run costs a few hundred ms on a busy machine, so every format is encoded once for all tests.
    private readonly Dictionary<string, string> _encoded = [];

    private string EncodedTone(string extension)
    {
        if (!_encoded.TryGetValue(extension, out string? path))
        {
            path = _temp.File("tone." + extension);
            ExternalTool.RunOrIgnore("ffmpeg", "-v", "error", "-y", "-i", _wavPath, path);
            _encoded[extension] = path;
        }

        return path;
    }

    [TestCase("mp3")]
    [TestCase("ogg")]
    [TestCase("flac")]
    public async Task Open_CompressedFileMadeByFfmpeg_DecodesToTheSameLengthAndPitch(string extension)
    {
        string encoded = EncodedTone(extension);

        using IAudioReader reader = await new AudioDecoder().OpenAsync(encoded);
        float[] samples = TestSignals.ReadAll(reader);

        reader.Format.ShouldBe(StereoCd);
        reader.ShouldNotBeOfType<WavReader>();
        double seconds = samples.Length / 2.0 / reader.Format.SampleRate;
        seconds.ShouldBe(ToneSeconds, tolerance: 0.05);
        reader.Duration.ShouldNotBeNull().TotalSeconds.ShouldBe(ToneSeconds, tolerance: 0.05);
        TestSignals.DominantFrequency(TestSignals.FirstChannel(samples, 2), reader.Format.SampleRate).ShouldBe(440, tolerance: 2);
    }

    [Test]
    public async Task MeasureDuration_OfAnMp3_IsTheLengthOfTheSource()
    {
        string encoded = EncodedTone("mp3");

        TimeSpan duration = await new AudioDecoder().MeasureDurationAsync(encoded);

        duration.TotalSeconds.ShouldBe(ToneSeconds, tolerance: 0.05);
    }

    [Test]
    public async Task MeasureDuration_OfAWav_ComesFromItsHeader()
    {
        TimeSpan duration = await new AudioDecoder(ffmpegPath: null, ffprobePath: null).MeasureDurationAsync(_wavPath);

        duration.ShouldBe(TimeSpan.FromSeconds(ToneSeconds));
    }

    [Test]
    public async Task Open_TextFileNamedMp3_IsRefusedAsUnsupported()
    {
        if (!ExternalTool.IsInstalled("ffmpeg"))
            Assert.Ignore("ffmpeg is not installed.");
        string fake = _temp.File("notes.mp3");
        await File.WriteAllTextAsync(fake, "These are meeting notes, not a song.\n");

        var error = await Should.ThrowAsync<UnsupportedAudioException>(() => new AudioDecoder().OpenAsync(fake));

        error.Message.ShouldContain("notes.mp3");
    }

    [Test]
    public async Task Open_NonWavFileWithoutFfmpeg_IsRefusedSayingFfmpegIsMissing()
    {
        string fake = _temp.File("song.ogg");
        await File.WriteAllBytesAsync(fake, "OggS\0\u0002 and then some"u8.ToArray());

        var error = await Should.ThrowAsync<UnsupportedAudioException>(() => new AudioDecoder(ffmpegPath: null, ffprobePath: null).OpenAsync(fake));

        error.Message.ShouldContain("ffmpeg");
        error.Message.ShouldContain("not installed");
    }

    [Test]
    [NonParallelizable]
    public async Task Open_WavWithAnEmptyPath_IsDecodedInProcess()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", string.Empty);
            var decoder = new AudioDecoder();

            using IAudioReader reader = await decoder.OpenAsync(_wavPath);

            decoder.CanUseFfmpeg.ShouldBeFalse();
            reader.ShouldBeOfType<WavReader>();
            TestSignals.ReadAll(reader).Length.ShouldBe((int)(ToneSeconds * 44_100 * 2));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Test]
    public async Task Open_WavNamedMp3_IsRecognisedByItsBytesNotItsName()
    {
        string disguised = _temp.File("really-a-wav.mp3");
        File.Copy(_wavPath, disguised);

        using IAudioReader reader = await new AudioDecoder().OpenAsync(disguised);

        reader.ShouldBeOfType<WavReader>();
    }

    [Test]
    public async Task Open_MuLawWav_FallsBackToFfmpeg()
    {
        string mulaw = _temp.File("mulaw.wav");
        ExternalTool.RunOrIgnore("ffmpeg", "-v", "error", "-y", "-i", _wavPath, "-acodec", "pcm_mulaw", "-ar", "8000", mulaw);

        using IAudioReader reader = await new AudioDecoder().OpenAsync(mulaw);
        float[] samples = TestSignals.ReadAll(reader);

        reader.Format.ShouldBe(new AudioFormat(8000, 2));
        TestSignals.DominantFrequency(TestSignals.FirstChannel(samples, 2), 8000).ShouldBe(440, tolerance: 2);
    }

    [Test]
    public async Task Open_MuLawWavWithoutFfmpeg_IsRefusedNamingTheEncoding()
    {
        string mulaw = _temp.File("mulaw-only.wav");
        ExternalTool.RunOrIgnore("ffmpeg", "-v", "error", "-y", "-i", _wavPath, "-acodec", "pcm_mulaw", mulaw);

        var error = await Should.ThrowAsync<UnsupportedAudioException>(() => new AudioDecoder(null, null).OpenAsync(mulaw));

        error.Message.ShouldContain("µ-law");
    }

    [Test]
    public async Task Dispose_BeforeTheEnd_StopsDecodingWithoutWaitingForIt()
    {
        string encoded = EncodedTone("flac");

        IAudioReader reader = await new AudioDecoder().OpenAsync(encoded);
        var buffer = new float[256];
        reader.Read(buffer).ShouldBeGreaterThan(0);
        reader.Dispose();

        Should.Throw<ObjectDisposedException>(() => reader.Read(buffer));
    }

    [Test]
    public void Open_MissingFile_IsNotAnUnsupportedFormat() =>
        Should.ThrowAsync<FileNotFoundException>(() => new AudioDecoder().OpenAsync(_temp.File("absent.wav")));
}
