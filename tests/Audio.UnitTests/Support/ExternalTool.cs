using System.Diagnostics;

namespace Soundscape.Audio.UnitTests.Support;

/// <summary>Runs sox or ffmpeg from a test, or ignores the test when the tool is not installed.</summary>
internal static class ExternalTool
{
    public static bool IsInstalled(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    public static void RunOrIgnore(string name, params string[] arguments)
    {
        if (!IsInstalled(name))
            Assert.Ignore($"{name} is not installed.");
        var start = new ProcessStartInfo(name) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{name} {string.Join(' ', arguments)} failed: {errors}");
    }
}
