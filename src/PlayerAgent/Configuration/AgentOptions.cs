namespace Soundscape.PlayerAgent.Configuration;

/// <summary>
/// The agent's settings, bound from the "Agent" configuration section (environment: <c>Agent__ServerUrl</c>, …).
/// Relative paths are resolved against the working directory at start-up.
/// </summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>The server's base address; when unset the agent idles (a device that is not enrolled yet).</summary>
    public string? ServerUrl { get; set; }

    /// <summary>
    /// The device key shown once when the player was created. Optional: without it the agent uses the key stored at
    /// <see cref="DeviceKeyPath"/>, and without that it pairs by code (see docs/player-agent.md, "Pairing").
    /// </summary>
    public string? DeviceKey { get; set; }

    /// <summary>Where a key received by pairing is kept (mode 600); defaults to <c>device-key</c> in the data folder.</summary>
    public string DeviceKeyPath { get; set; } = Path.Combine(AgentDataFolder.Default, "device-key");

    /// <summary>
    /// A small JSON file saying what the agent is doing (pairing with its user code, or playing); defaults to
    /// <c>status.json</c> in the data folder.
    /// </summary>
    public string StatusPath { get; set; } = Path.Combine(AgentDataFolder.Default, "status.json");

    /// <summary>Audio files named by content hash; defaults to <c>$XDG_DATA_HOME/soundscape-agent/cache</c> (usually <c>~/.local/share/…</c>).</summary>
    public string CacheFolder { get; set; } = Path.Combine(AgentDataFolder.Default, "cache");

    /// <summary>The cache's size cap; least recently used files beyond it are evicted.</summary>
    public long CacheMaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>The play-report journal; defaults to <c>$XDG_DATA_HOME/soundscape-agent/play-journal.jsonl</c>.</summary>
    public string JournalPath { get; set; } = Path.Combine(AgentDataFolder.Default, "play-journal.jsonl");

    public AgentOutputOptions Output { get; set; } = new();

    public double CrossfadeSeconds { get; set; } = 3;

    /// <summary>How long the server may hold a queue long poll; the server caps it at 25 s.</summary>
    public int PollWaitSeconds { get; set; } = 25;

    /// <summary>
    /// Paces the output in real time (the default: the room hears it live, and a WAV file grows as it plays). Tests
    /// turn it off to play faster than real time. A sound card paces itself either way.
    /// </summary>
    public bool RealTime { get; set; } = true;

    /// <summary>The pause between heartbeats.</summary>
    public int HeartbeatSeconds { get; set; } = 30;

    /// <summary>Where the last queue is kept across restarts; defaults to <c>last-queue.json</c> beside the journal.</summary>
    public string? StatePath { get; set; }

    /// <summary>True when a server is configured; without one the agent only idles.</summary>
    public bool HasServer => !string.IsNullOrWhiteSpace(ServerUrl);
}
