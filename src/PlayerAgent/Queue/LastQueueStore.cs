using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Soundscape.Application.Devices.Common;

namespace Soundscape.PlayerAgent.Queue;

/// <summary>
/// The last queue the server sent, as JSON in the agent's data folder, so an agent restarted while the server is
/// unreachable still knows what the room had chosen. Written to a temporary file and renamed (atomic on POSIX).
/// </summary>
public sealed class LastQueueStore(string path, ILogger<LastQueueStore>? logger = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ILogger logger = logger ?? NullLogger<LastQueueStore>.Instance;

    public string FilePath { get; } = Path.GetFullPath(path);

    public DeviceQueueDto? Load()
    {
        try
        {
            return File.Exists(FilePath) ? JsonSerializer.Deserialize<DeviceQueueDto>(File.ReadAllText(FilePath), Json) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            logger.LogWarning("The saved queue {Path} could not be read ({Reason}); starting without it", FilePath, ex.Message);
            return null;
        }
    }

    public void Save(DeviceQueueDto queue)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = FilePath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(queue, Json));
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("The queue could not be saved to {Path}: {Reason}", FilePath, ex.Message);
        }
    }
}
