namespace Soundscape.Audio.Decoding;

/// <summary>Finds a program on PATH the way a shell would, without starting anything.</summary>
internal static class ExecutableLocator
{
    public static string? FindOnPath(string name)
    {
        string[] candidates = OperatingSystem.IsWindows() ? [name + ".exe", name] : [name];
        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string candidate in candidates)
            {
                string full = Path.Combine(directory.Trim(), candidate);
                if (File.Exists(full))
                    return full;
            }
        }

        return null;
    }
}
