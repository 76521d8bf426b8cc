using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Soundscape.Audio;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.Wav;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.FunctionalTests.Library;

/// <summary>
/// Ingest hardening through the real upload endpoint: files whose container misstates or lacks their audio get the
/// length of their decoded frames or a 415, and a damaged sample never costs a sound its embedding.
/// </summary>
public sealed class AudioIngestTests : ListenerApiTest
{
    private Listener _admin = null!;

    [SetUp]
    public async Task SignUpAnAdminAsync()
    {
        foreach (var file in TestAudio.StoredFiles())
            File.Delete(file);
        _admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
    }

    // The local store is shared by the whole test run; other classes expect to find it empty.
    [TearDown]
    public void RemoveStoredFiles()
    {
        foreach (var file in TestAudio.StoredFiles())
            File.Delete(file);
    }

    public static IEnumerable<TestCaseData> EmptyFiles()
    {
        yield return new TestCaseData("empty.wav").SetArgDisplayNames("WAV with an empty data chunk");
        yield return new TestCaseData("part-of-a-frame.wav").SetArgDisplayNames("WAV holding less than one frame");
        yield return new TestCaseData("no-frames.flac").SetArgDisplayNames("FLAC with headers only");
    }

    [TestCaseSource(nameof(EmptyFiles))]
    public async Task Upload_OfAFileThatDecodesToZeroFrames_Returns415AndLeavesNoRowAndNoFile(string name)
    {
        var path = MakeEmpty(name);

        var response = await ShouldChangeNothingAsync(() => SoundWriteTests.UploadAsync(_admin.Client, path, "Nothing"));

        (await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString()!.ShouldContain("zero frames");
        TestAudio.StoredFiles().ShouldBeEmpty();
    }

    [TestCase(".mp3", "libmp3lame", "-q:a", "2", "-write_xing", "0")]
    [TestCase(".aac", "aac", "-b:a", "128k", "-f", "adts")]
    public async Task Upload_OfAFileWhoseContainerOnlyEstimatesItsLength_StoresTheLengthOfItsDecodedFrames_AndMixesLastThatLong(
        string extension, string codec, params string[] options)
    {
        // 8 s of noise then 69 s of silence: ffprobe, guessing from the bit rate of the first frames, says a fraction of that.
        var path = Path.Combine(TestAudio.Folder, "estimated" + extension);
        Ffmpeg(["-f", "lavfi", "-i", "anoisesrc=d=8:c=white:r=44100:a=0.5", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono:d=69",
            "-filter_complex", "[0][1]concat=n=2:v=0:a=1", "-ac", "1", "-c:a", codec, .. options, path]);

        var sound = await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, path, "Estimated"), HttpStatusCode.Created);
        var mix = await ReadJsonAsync(await _admin.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "built on it",
            layers = new[] { new { soundId = sound.GetProperty("id").GetGuid(), volume = 1.0, loop = false, delaySeconds = 0.0 } },
        }), HttpStatusCode.Created);

        sound.GetProperty("durationSeconds").GetDouble().ShouldBe(77.0, 0.1);
        mix.GetProperty("durationSeconds").GetDouble().ShouldBe(77.0, 0.1);
    }

    [TestCase(16)]
    [TestCase(24)]
    public async Task Upload_OfABigEndianRifxWav_Returns415SayingSoAndLeavesNothing(int bits)
    {
        var path = Path.Combine(TestAudio.Folder, $"big-endian-{bits}.wav");
        await File.WriteAllBytesAsync(path, Rifx(bits));

        var response = await ShouldChangeNothingAsync(() => SoundWriteTests.UploadAsync(_admin.Client, path, "Swapped"));

        (await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString()!.ShouldContain("RIFX");
        TestAudio.StoredFiles().ShouldBeEmpty();
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Upload_OfAFloatWavWithNaNSamples_GetsTheEmbeddingOfTheSameSoundWithoutThem(int seed)
    {
        var clean = SoundGenerators.Rain(6, 22_050, seed);
        var poisoned = (float[])clean.Clone();
        foreach (var at in (int[])[0, 100, 22_050, 50_000, 100_000])
            poisoned[at] = at % 2 == 0 ? float.NaN : float.PositiveInfinity;

        var expected = await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, FloatWav($"clean-{seed}.wav", clean), "Clean"), HttpStatusCode.Created);
        var actual = await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, FloatWav($"nan-{seed}.wav", poisoned), "With NaN"), HttpStatusCode.Created);

        var expectedEmbedding = expected.GetProperty("embedding");
        expectedEmbedding.GetProperty("rain").GetDouble().ShouldBeGreaterThan(0.3);
        foreach (var axis in (string[])["rain", "wind", "fire", "thunder", "waves"])
            actual.GetProperty("embedding").GetProperty(axis).GetDouble().ShouldBe(expectedEmbedding.GetProperty(axis).GetDouble(), 0.01, axis);
    }

    private static string MakeEmpty(string name)
    {
        var path = Path.Combine(TestAudio.Folder, name);
        switch (name)
        {
            case "empty.wav":
                WavWriter.Create(path, new AudioFormat(44_100, 2)).Dispose();
                break;
            case "part-of-a-frame.wav":
                WavWriter.Create(path, new AudioFormat(44_100, 2)).Dispose();
                using (var file = new FileStream(path, FileMode.Append))
                    file.Write([0x10, 0x20, 0x30]); // three bytes of a four-byte frame, after a data size of 0
                break;
            default:
                Ffmpeg(["-f", "lavfi", "-i", "sine=d=1", "-frames:a", "0", path]);
                break;
        }
        return path;
    }

    private static string FloatWav(string name, float[] mono)
    {
        var path = Path.Combine(TestAudio.Folder, name);
        using var writer = WavWriter.Create(path, new AudioFormat(22_050, 1), WavSampleEncoding.Float32);
        writer.Write(mono);
        return path;
    }

    // Half a second of a 440 Hz tone in a RIFX file: the RIFF layout with every field and sample big-endian.
    private static byte[] Rifx(int bits)
    {
        const int rate = 22_050, frames = rate / 2;
        var bytes = bits / 8;
        var file = new byte[44 + (frames * bytes)];
        "RIFX"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(4), (uint)(file.Length - 8));
        "WAVEfmt "u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(24), rate);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(28), (uint)(rate * bytes));
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(32), (ushort)bytes);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(34), (ushort)bits);
        "data"u8.CopyTo(file.AsSpan(36));
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(40), (uint)(frames * bytes));
        for (var i = 0; i < frames; i++)
        {
            var value = (int)(0.5 * Math.Sin(2 * Math.PI * 440 * i / rate) * ((1 << (bits - 1)) - 1));
            for (var b = 0; b < bytes; b++)
                file[44 + (i * bytes) + b] = (byte)(value >> (8 * (bytes - 1 - b)));
        }
        return file;
    }

    private static void Ffmpeg(string[] arguments)
    {
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", .. arguments]) { RedirectStandardError = true })!;
        var errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
            Assert.Ignore($"ffmpeg could not make the test file: {errors}");
    }
}
