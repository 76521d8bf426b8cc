namespace Soundscape.Api.Rooms;

/// <summary>The room event streams (configuration "RoomEvents").</summary>
public sealed class RoomEventsOptions
{
    public const string Section = "RoomEvents";

    /// <summary>How often an open stream gets a ": ping" comment, so proxies keep it open. Default 15 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
