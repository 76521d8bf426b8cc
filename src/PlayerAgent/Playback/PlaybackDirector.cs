using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Soundscape.Application.Devices.Common;
using Soundscape.Audio;
using Soundscape.Audio.Playback;
using Soundscape.PlayerAgent.Caching;
using Soundscape.PlayerAgent.Reporting;

namespace Soundscape.PlayerAgent.Playback;

/// <summary>
/// Decides what the engine plays next and turns what it played into play reports.
/// </summary>
/// <remarks>
/// <para>It keeps exactly one item lined up behind the playing one in the <see cref="CrossfadeQueue"/>, so every
/// change is crossfaded: the first item of the latest queue that has not started here yet. A new queue version
/// replaces the lined-up item when its first item is a different one; the playing item is never cut.</para>
/// <para>The engine's ItemStarted/ItemEnded (raised on the audio thread, with the <see cref="PlayTag"/>) are posted
/// to a channel and handled here: a queue item's start and end become <see cref="PlayReport"/>s in the journal,
/// stamped with the time they were rendered; the <see cref="PlayReportSender"/> delivers them.</para>
/// <para>No item plays past its announced duration (<see cref="BoundedItem"/>: the sound's or the mix's), and every
/// item that started is reported <c>ended</c>: when it is cut at that duration, when its audio fails while playing,
/// and when the agent stops (<see cref="Stop"/>). An item whose audio cannot be decoded at all is reported as a play of
/// no length (started and ended at once), so the server takes it off the queue instead of offering it again.</para>
/// <para>When the queue has nothing left to play and the server is unreachable, cached sounds play so the room never
/// falls silent: most recently used first (the room's latest choices), then round-robin through that list. They have
/// no queue item id, so nothing is reported for them.</para>
/// </remarks>
public sealed class PlaybackDirector
{
    private readonly CrossfadeQueue engine;
    private readonly IItemSources sources;
    private readonly PlayEventJournal journal;
    private readonly Func<bool> serverReachable;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Channel<(bool Started, PlayTag Tag, DateTimeOffset At)> events = Channel.CreateUnbounded<(bool, PlayTag, DateTimeOffset)>();
    private readonly Channel<DeviceQueueDto> queues = Channel.CreateUnbounded<DeviceQueueDto>();
    private readonly HashSet<Guid> started = [];
    private readonly HashSet<Guid> failed = [];
    private readonly List<PlayTag> sounding = [];
    private List<string> fallbackOrder = [];
    private int fallbackNext;
    private DeviceQueueDto? latest;
    private PlayTag? linedUp;

    public PlaybackDirector(CrossfadeQueue engine, IItemSources sources, PlayEventJournal journal, Func<bool> serverReachable,
        DeviceQueueDto? initialQueue = null, ILogger<PlaybackDirector>? logger = null, TimeProvider? time = null)
    {
        this.engine = engine;
        this.sources = sources;
        this.journal = journal;
        this.serverReachable = serverReachable;
        this.logger = logger ?? NullLogger<PlaybackDirector>.Instance;
        this.time = time ?? TimeProvider.System;
        latest = initialQueue;
        // Items reported as started but not yet acknowledged may still be in the saved queue: they were played.
        foreach (var report in journal.Pending())
            started.Add(report.QueueItemId);
        engine.ItemStarted += tag => Post(true, tag);
        engine.ItemEnded += tag => Post(false, tag);
    }

    /// <summary>Called after something was enqueued (to wake an idle output).</summary>
    public event Action? Enqueued;

    /// <summary>The item playing now (the outgoing one during a crossfade), or null.</summary>
    public PlayTag? Playing { get; private set; }

    /// <summary>The item lined up to play next, or null.</summary>
    public PlayTag? LinedUp => linedUp;

    /// <summary>Hands over a new queue version (from any thread); it takes effect at the next step.</summary>
    public void OnQueueChanged(DeviceQueueDto queue) => queues.Writer.TryWrite(queue);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(cancellationToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(TimeSpan.FromMilliseconds(500));
                await Task.WhenAny(events.Reader.WaitToReadAsync(wait.Token).AsTask(), queues.Reader.WaitToReadAsync(wait.Token).AsTask());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One decision: handles what the engine reported, takes the newest queue, and lines up the next item if none is.
    /// </summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        while (events.Reader.TryRead(out var e))
            Handle(e.Started, e.Tag, e.At);
        var replan = false;
        while (queues.Reader.TryRead(out var queue))
        {
            latest = queue;
            failed.Clear();
            replan = true;
        }

        if (linedUp is { } waiting && (replan || waiting.Item is null))
        {
            var next = NextFromQueue();
            if (next?.QueueItemId != waiting.QueueItemId && (next is not null || waiting.Item is not null))
            {
                var removed = engine.ClearPending();
                if (removed.Contains(waiting))
                {
                    logger.LogInformation("Queue changed: {Tag} is no longer next", waiting);
                    waiting.Release();
                    linedUp = null;
                }
            }
        }
        if (linedUp is null)
            await LineUpAsync(cancellationToken);
    }

    private async Task LineUpAsync(CancellationToken cancellationToken)
    {
        while (NextFromQueue() is { } item)
        {
            var title = item.Sound?.Title ?? item.Mix?.Name ?? item.Kind;
            try
            {
                var opened = await sources.OpenAsync(item, cancellationToken);
                Enqueue(new PlayTag(title, item, latest?.Version, opened.Resources), opened.Provider,
                    BoundedItem.LimitOf(item.Sound?.DurationSeconds ?? item.Mix?.DurationSeconds ?? 0));
                return;
            }
            catch (Exception ex) when (IsUndecodable(ex))
            {
                // Offering it again would fail again: a play of no length takes it off the server's queue.
                logger.LogWarning("Cannot decode queue item {QueueItemId} '{Title}': {Reason}; reporting it as played for no time",
                    item.QueueItemId, title, ex.Message);
                Enqueue(new PlayTag(title, item, latest?.Version, []), new BufferSource([], engine.Format), TimeSpan.Zero);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Cannot play queue item {QueueItemId} '{Title}': {Reason}; skipping it for this queue version",
                    item.QueueItemId, item.Sound?.Title ?? item.Mix?.Name, ex.Message);
                failed.Add(item.QueueItemId);
            }
        }
        if (!serverReachable() && engine.PendingCount == 0)
            await LineUpFallbackAsync(cancellationToken);
    }

    private async Task LineUpFallbackAsync(CancellationToken cancellationToken)
    {
        if (fallbackNext >= fallbackOrder.Count)
        {
            var cached = sources.CachedByRecency().ToList();
            // A new round starts with the most recently used file, which is what just played: move it to the end.
            var last = fallbackOrder.Count > 0 ? fallbackOrder[^1] : null;
            if (cached.Count > 1 && cached[0] == last)
            {
                cached.RemoveAt(0);
                cached.Add(last);
            }
            fallbackOrder = cached;
            fallbackNext = 0;
        }
        while (fallbackNext < fallbackOrder.Count)
        {
            var hash = fallbackOrder[fallbackNext++];
            try
            {
                var opened = await sources.OpenCachedAsync(hash, cancellationToken);
                Enqueue(new PlayTag(TitleOf(hash), null, null, opened.Resources), opened.Provider, BoundedItem.LimitOf(0));
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug("Cached file {Hash} cannot be played: {Reason}", hash, ex.Message);
            }
        }
    }

    /// <summary>
    /// Everything the agent stopped in the middle is reported <c>ended</c> now: call it once the output has stopped
    /// (no more engine events come).
    /// </summary>
    public void Stop()
    {
        while (events.Reader.TryRead(out var e))
            Handle(e.Started, e.Tag, e.At);
        foreach (var tag in sounding.ToList())
        {
            logger.LogInformation("Stopped in the middle of {Tag}", tag);
            Handle(false, tag, time.GetUtcNow());
        }
    }

    /// <summary>The item's audio is broken for good (unlike a server that cannot be reached, which may come back).</summary>
    private static bool IsUndecodable(Exception ex) =>
        ex is UnsupportedAudioException or AudioIntegrityException or InvalidDataException or EndOfStreamException;

    private void Enqueue(PlayTag tag, ISampleProvider provider, TimeSpan limit)
    {
        engine.Enqueue(new BoundedItem(provider, limit, ex => OnFault(tag, ex)), tag);
        linedUp = tag;
        if (provider is LayerMixer mixer)
            logger.LogInformation("Lined up {Tag}; {Layers} of its {Listed} layers opened", tag, mixer.Layers.Count, tag.Item?.Mix?.Layers.Count);
        else
            logger.LogInformation("Lined up {Tag}", tag);
        Enqueued?.Invoke();
    }

    // On the audio thread: the item has ended with this; the engine's ItemEnded follows and reports it.
    private void OnFault(PlayTag tag, Exception ex) =>
        logger.LogWarning("{Tag} failed while playing: {Reason}; ending it", tag, ex.Message);

    private DeviceQueueItemDto? NextFromQueue() =>
        latest?.Items.OrderBy(i => i.Position)
            .FirstOrDefault(i => !started.Contains(i.QueueItemId) && !failed.Contains(i.QueueItemId));

    private string TitleOf(string hash) =>
        latest?.Items.SelectMany(Queue.QueueFollower.SoundsOf).FirstOrDefault(s => s.ContentHash == hash)?.Title ?? $"cached {hash[..Math.Min(12, hash.Length)]}";

    private void Post(bool isStart, object? tag)
    {
        if (tag is PlayTag playTag)
            events.Writer.TryWrite((isStart, playTag, time.GetUtcNow()));
    }

    private void Handle(bool isStart, PlayTag tag, DateTimeOffset at)
    {
        if (isStart)
        {
            if (ReferenceEquals(linedUp, tag))
                linedUp = null;
            Playing = tag;
            sounding.Add(tag);
            if (tag.QueueItemId is { } id)
            {
                started.Add(id);
                journal.Append(new PlayReport(Guid.CreateVersion7(), id, PlayEventKind.Started, at, tag.Item!.Sound?.Id, tag.Item.Mix?.Id));
            }
            logger.LogInformation("Playing {Tag}{Note}", tag, tag.Item is null ? "; not reported (no queue item)" : "");
        }
        else
        {
            if (!sounding.Remove(tag))
                return; // already ended (reported when the agent stopped)
            if (ReferenceEquals(Playing, tag))
                Playing = null;
            if (tag.QueueItemId is { } id)
                journal.Append(new PlayReport(Guid.CreateVersion7(), id, PlayEventKind.Ended, at, tag.Item!.Sound?.Id, tag.Item.Mix?.Id));
            logger.LogInformation("Finished {Tag}", tag);
            tag.Release();
        }
    }
}
