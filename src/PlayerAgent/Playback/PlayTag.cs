using Soundscape.Application.Devices.Common;

namespace Soundscape.PlayerAgent.Playback;

/// <summary>
/// What the engine plays, as the director knows it: a server queue item (<see cref="Item"/> set, reported) or a
/// cached sound played while the server is unreachable (<see cref="Item"/> null: no queue item id, so no report).
/// </summary>
public sealed class PlayTag(string title, DeviceQueueItemDto? item, long? queueVersion, IReadOnlyList<IDisposable> resources)
{
    public string Title { get; } = title;

    public DeviceQueueItemDto? Item { get; } = item;

    public Guid? QueueItemId => Item?.QueueItemId;

    public long? QueueVersion { get; } = queueVersion;

    /// <summary>Decoders to close once the item has ended or was taken off the engine's queue.</summary>
    public IReadOnlyList<IDisposable> Resources { get; } = resources;

    public void Release()
    {
        foreach (var resource in Resources)
            resource.Dispose();
    }

    public override string ToString() => Item is { } item
        ? $"'{Title}' ({item.Kind}, queue item {item.QueueItemId}, position {item.Position}, queue version {QueueVersion})"
        : $"'{Title}' (cached sound, offline fallback)";
}
