using System.Diagnostics;
using Soundscape.Audio;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.Wav;

namespace Soundscape.Api.FunctionalTests.Library;

/// <summary>Real audio files for upload tests, made by the project's own synthesizer (and ffmpeg for compressed formats).</summary>
internal static class TestAudio
{
    public static string Folder { get; } = Directory.CreateTempSubdirectory("soundscape-test-files-").FullName;

    /// <summary>A mono 16-bit WAV of generated rain (or waves), a few seconds long.</summary>
    public static string Wav(string name, double seconds = 4, int seed = 1, bool waves = false)
    {
        const int rate = 22_050;
        var samples = waves ? SoundGenerators.Waves(seconds, rate, seed) : SoundGenerators.Rain(seconds, rate, seed);
        var path = Path.Combine(Folder, name);
        using var writer = WavWriter.Create(path, new AudioFormat(rate, 1), WavSampleEncoding.Pcm16);
        writer.Write(samples);
        return path;
    }

    /// <summary>The WAV re-encoded by ffmpeg (MP3, OGG, …).</summary>
    public static string Encoded(string wavPath, string extension)
    {
        var target = Path.ChangeExtension(wavPath, extension);
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-i", wavPath, target]) { RedirectStandardError = true })!;
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
            Assert.Ignore($"ffmpeg could not make a {extension} file: {ffmpeg.StandardError.ReadToEnd()}");
        return target;
    }

    public static string[] StoredFiles() =>
        Directory.Exists(SoundscapeApiFactory.AudioStorePath)
            ? Directory.GetFiles(SoundscapeApiFactory.AudioStorePath, "*", SearchOption.AllDirectories)
            : [];
}
