namespace Soundscape.PlayerAgent.Pairing;

/// <summary>
/// The device key received by pairing, at rest: one line in a file readable and writable by the agent's user only
/// (mode 600), replaced whole through a temporary file and a rename, so no reader ever sees half a key.
/// </summary>
public sealed class DeviceKeyStore(string path)
{
    public string FilePath { get; } = Path.GetFullPath(path);

    /// <summary>The stored key, or null when there is none (or the file is empty).</summary>
    public string? Load()
    {
        if (!File.Exists(FilePath))
            return null;
        var key = File.ReadAllText(FilePath).Trim();
        return key.Length == 0 ? null : key;
    }

    /// <summary>Stores <paramref name="key"/>, replacing any key before it.</summary>
    /// <exception cref="IOException">The folder cannot be written (a full disk, a read-only file system).</exception>
    public void Save(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var folder = Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(FilePath)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // Created with 600 from the first byte: a chmod afterwards would leave a moment when others may read it.
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                using var writer = new StreamWriter(stream);
                writer.WriteLine(key);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
