using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soundscape.PlayerAgent.Pairing;

/// <summary>What the agent is doing, for a person at the device (or a setup screen) to read.</summary>
/// <param name="State">"pairing" (show <paramref name="UserCode"/>), "paired" or "running".</param>
public sealed record AgentStatus(
    string State,
    string Version,
    DateTimeOffset At,
    string? ServerUrl = null,
    string? UserCode = null,
    string? VerificationUri = null,
    string? VerificationUriComplete = null,
    DateTimeOffset? ExpiresAt = null,
    Guid? PlayerId = null);

/// <summary>
/// The status file (<c>Agent:StatusPath</c>, default <c>status.json</c> in the data folder), replaced whole on every
/// change (temporary file and rename). It is a convenience: failing to write it is logged and never stops the agent.
/// </summary>
public sealed class AgentStatusFile(string path, ILogger? logger = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string FilePath { get; } = Path.GetFullPath(path);

    public void Write(AgentStatus status)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = FilePath + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(status, Json));
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning("The status file {Path} could not be written: {Reason}", FilePath, ex.Message);
        }
    }

    public static AgentStatus? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<AgentStatus>(File.ReadAllText(path), Json) : null;
}
