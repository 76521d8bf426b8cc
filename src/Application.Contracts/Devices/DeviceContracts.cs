namespace Soundscape.Application.Devices.Common;

// The player protocol's messages (DESIGN §5). The PlayerAgent uses these very types: no copies on the device side.

/// <summary>A player's queue as its device sees it; <paramref name="Version"/> is also the response's ETag.</summary>
public sealed record DeviceQueueDto(long Version, IReadOnlyList<DeviceQueueItemDto> Items);

/// <param name="Kind">"sound" or "mix".</param>
public sealed record DeviceQueueItemDto(Guid QueueItemId, int Position, string Kind, DeviceSoundDto? Sound, DeviceMixDto? Mix);

/// <param name="AudioUrl">Relative to the server, e.g. "/api/sounds/{id}/audio" (range requests, ETag = the content hash).</param>
/// <param name="ContentHash">SHA-256 of the file, lower-case hex: the device verifies what it downloaded against it.</param>
public sealed record DeviceSoundDto(Guid Id, string Title, double DurationSeconds, string AudioUrl, string ContentHash);

public sealed record DeviceMixDto(Guid Id, string Name, double DurationSeconds, IReadOnlyList<DeviceMixLayerDto> Layers);

public sealed record DeviceMixLayerDto(DeviceSoundDto Sound, double Volume, bool Loop, double DelaySeconds);

/// <summary>A play report. <paramref name="EventId"/> is the device's own id for it: sent twice, it counts once.</summary>
/// <param name="Event">"started" or "ended".</param>
/// <param name="SoundId">What played (the item's sound, or <paramref name="MixId"/> its mix). A device that played its
/// last known queue while the server was away reports afterwards; by then the server may have re-planned that item
/// away, and this still lets it record the play.</param>
public sealed record PlayEventRequest(Guid EventId, Guid QueueItemId, string Event, DateTimeOffset At, Guid? SoundId = null, Guid? MixId = null);

/// <param name="Duplicate">True when this event id had been recorded before (nothing changed this time).</param>
public sealed record PlayEventResult(Guid EventId, bool Duplicate);

/// <param name="Status">"online", "playing" or "idle" ("offline" is what the server concludes from silence).</param>
public sealed record DeviceHeartbeatRequest(string Status);

public sealed record DeviceHeartbeatResult(Guid PlayerId, string Status, DateTimeOffset LastPollAt);

public static class DeviceProtocol
{
    /// <summary>The Authorization scheme of device requests: <c>Authorization: Device &lt;key&gt;</c>.</summary>
    public const string Scheme = "Device";

    /// <summary>The longest a queue poll may be held waiting for a change.</summary>
    public const int MaxWaitSeconds = 25;

    /// <summary>
    /// The longest a queue item may announce, in seconds (24 h): the server refuses longer mixes (the domain's
    /// <c>Mix.MaxDurationSeconds</c>, which a test keeps equal to this), and a device cuts any item there.
    /// </summary>
    public const double MaxItemSeconds = 24 * 3600;

    public static string AudioUrl(Guid soundId) => $"/api/sounds/{soundId}/audio";

    public static string ETag(long version) => $"\"{version}\"";
}
