using System.Globalization;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>The PostgreSQL channel on which every instance hears that a player's queue version moved ("playerId:version").</summary>
public static class QueueNotifications
{
    public const string Channel = "soundscape_queue";

    /// <summary>
    /// The channel on which the database itself (trigger players_room_version) announces a room's new version, same
    /// payload shape ("playerId:roomVersion"): queue, now playing, taste, listeners arriving or leaving.
    /// </summary>
    public const string RoomChannel = "soundscape_room";

    public static string Payload(Guid playerId, long version) => $"{playerId:D}:{version.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string payload, out Guid playerId, out long version)
    {
        version = 0;
        var separator = payload.IndexOf(':');
        return Guid.TryParse(payload.AsSpan(0, Math.Max(separator, 0)), out playerId)
               && long.TryParse(payload.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
