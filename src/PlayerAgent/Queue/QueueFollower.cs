using Microsoft.Extensions.Logging.Abstractions;
using Soundscape.Application.Devices.Common;
using Soundscape.PlayerAgent.Caching;
using Soundscape.PlayerAgent.Server;

namespace Soundscape.PlayerAgent.Queue;

/// <summary>
/// Long-polls the device queue and keeps the last one it had (also on disk, see <see cref="LastQueueStore"/>). Each
/// new version pins and prefetches the audio of the first two items (every layer of a mix) into the cache. While the
/// server cannot be reached it retries with a growing pause (1 s … 15 s) and <see cref="IsReachable"/> is false.
/// </summary>
public sealed class QueueFollower
{
    private readonly DeviceClient client;
    private readonly AudioCache cache;
    private readonly LastQueueStore store;
    private readonly int waitSeconds;
    private readonly ILogger logger;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private volatile DeviceQueueDto? current;
    // Until the first poll has answered or failed, the server counts as reachable. Otherwise a start on a warm cache
    // opened with a cached fallback sound, and the room's own item, arriving a moment later, waited behind it until it
    // had played out (40-90 s in bench/agent/levers.sh). A server that is down fails the first poll at once (or after
    // its timeout), and the fallback starts then.
    private volatile bool reachable = true;

    public QueueFollower(DeviceClient client, AudioCache cache, LastQueueStore store, int waitSeconds,
        ILogger<QueueFollower>? logger = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        this.client = client;
        this.cache = cache;
        this.store = store;
        this.waitSeconds = waitSeconds;
        this.logger = logger ?? NullLogger<QueueFollower>.Instance;
        this.delay = delay ?? Task.Delay;
        current = store.Load();
        if (current is not null)
            this.logger.LogInformation("Loaded the saved queue (version {Version}, {Count} items) from {Path}", current.Version, current.Items.Count, store.FilePath);
    }

    /// <summary>Raised (on the follower's task) with each new queue version.</summary>
    public event Action<DeviceQueueDto>? QueueChanged;

    /// <summary>The last queue received (or loaded from disk), or null.</summary>
    public DeviceQueueDto? Current => current;

    /// <summary>True until a poll fails, false after a poll failed, true again after one succeeds.</summary>
    public bool IsReachable => reachable;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // The first poll asks without a version: the saved queue may be stale, and the answer pins its audio.
                var queue = await client.PollQueueAsync(first ? null : current?.Version, waitSeconds, cancellationToken);
                if (!reachable || first)
                    logger.LogInformation("The server is reachable");
                first = false;
                reachable = true;
                pause = TimeSpan.FromSeconds(1);
                if (queue is not null)
                    Accept(queue);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                if (reachable || first)
                    logger.LogWarning("The server is unreachable ({Reason}); playing on from the cache and retrying", ex.Message);
                first = false;
                reachable = false;
                try
                {
                    await delay(pause, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
    }

    /// <summary>The sound files an item needs: its sound, or every layer of its mix.</summary>
    public static IEnumerable<DeviceSoundDto> SoundsOf(DeviceQueueItemDto item) =>
        item.Sound is { } sound ? [sound] : item.Mix?.Layers.Select(l => l.Sound) ?? [];

    private void Accept(DeviceQueueDto queue)
    {
        var changed = current?.Version != queue.Version;
        current = queue;
        store.Save(queue);
        logger.LogInformation("Queue version {Version}: {Items}", queue.Version,
            queue.Items.Count == 0 ? "empty" : string.Join(", ", queue.Items.OrderBy(i => i.Position).Select(Describe)));
        var ahead = queue.Items.OrderBy(i => i.Position).Take(2).SelectMany(SoundsOf).ToList();
        cache.SetPinned(ahead.Select(s => s.ContentHash));
        foreach (var sound in ahead)
            _ = PrefetchAsync(sound);
        if (changed)
            QueueChanged?.Invoke(queue);
    }

    private async Task PrefetchAsync(DeviceSoundDto sound)
    {
        try
        {
            await cache.GetAsync(new CachedAudioRequest(client.AudioUri(sound), sound.ContentHash));
        }
        catch (Exception ex) when (ex is HttpRequestException or AudioIntegrityException or IOException or ObjectDisposedException or TaskCanceledException)
        {
            logger.LogWarning("Prefetching '{Title}' failed: {Reason}", sound.Title, ex.Message);
        }
    }

    internal static string Describe(DeviceQueueItemDto item) =>
        $"#{item.Position} {item.Kind} '{item.Sound?.Title ?? item.Mix?.Name}'";
}
