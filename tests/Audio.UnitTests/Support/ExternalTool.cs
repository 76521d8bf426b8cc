using System.Diagnostics;

namespace Soundscape.Audio.UnitTests.Support;

/// <summary>Runs sox or ffmpeg from a test, or ignores the test when the tool is not installed.</summary>
internal static class ExternalTool
{
    public static bool IsInstalled(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    public static void RunOrIgnore(string name, params string[] arguments) => OutputOrIgnore(name, arguments);

    /// <summary>Runs the tool and returns what it wrote to standard output.</summary>
    public static string OutputOrIgnore(string name, params string[] arguments)
    {
        if (!IsInstalled(name))
            Assert.Ignore($"{name} is not installed.");
        var start = new ProcessStartInfo(name) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{name} {string.Join(' ', arguments)} failed: {errors}");
        return output.GetAwaiter().GetResult();
    }
}
