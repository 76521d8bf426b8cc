namespace Soundscape.Api.Hosting;

/// <summary>A device key at rest: readable by its owner only, and replaced whole (never seen half-written).</summary>
internal static class DeviceKeyFile
{
    public static async Task WriteAsync(string path, string key, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteLineAsync(key.AsMemory(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
