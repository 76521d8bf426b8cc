using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using static Soundscape.TestSupport.Eventually;

namespace Soundscape.EndToEnd.Tests;

/// <summary>
/// The whole system: the API with its engine, over HTTP on a real port, and a player agent. People in the room vote,
/// the engine plans, the agent fetches, verifies and plays, and its reports fill play_history.
/// </summary>
[NonParallelizable]
public sealed class RoomToSpeakerTests
{
    private const int OutputRate = 48_000;

    private string _folder = null!;
    private ILoggerFactory _loggers = null!;

    [SetUp]
    public async Task StartCleanAsync()
    {
        await EndToEndSetup.Database.ResetAsync();
        _folder = Directory.CreateTempSubdirectory("e2e-").FullName;
        _loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information));
    }

    [TearDown]
    public void RemoveFolder()
    {
        _loggers.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task ListenersVoteForFire_TheAgentPlaysFireFirst_AndPlayHistoryFills(CancellationToken cancellationToken)
    {
        await using var api = ApiHost.Start(EndToEndSetup.Database, Path.Combine(_folder, "store"));
        var room = await Room.ArrangeAsync(api, _folder, seconds: 3);
        foreach (var name in new[] { "ana", "ben", "cleo" })
            await room.ListenerWhoLikesAsync(name, "fire");
        var planned = await WaitForAsync(async () => (await room.QueueAsync()) is { Count: > 0 } items && items[0].GetProperty("title").GetString() == "fire" ? items : null,
            TimeSpan.FromSeconds(5), cancellationToken);

        await using (var agent = new RunningAgent(api.BaseAddress, room.DeviceKey, _loggers))
        {
            await WaitForAsync(async () => await EndedPlaysAsync(room) >= 2 ? "" : null, TimeSpan.FromSeconds(40), cancellationToken);
            agent.Sink.FramesWritten.ShouldBeGreaterThan(OutputRate * 3, "the room heard the plays");
            agent.Loop.Output.AudioFrames.ShouldBeGreaterThan(OutputRate * 3);
        }

        planned[0].GetProperty("fallback").GetString().ShouldBe("room");
        planned[0].GetProperty("listeners").GetInt32().ShouldBe(3);
        var history = await Room.AsOwnerAsync(db => db.PlayHistory.Where(h => h.PlayerId == room.PlayerId).OrderBy(h => h.StartedAt).ToListAsync());
        room.TitleOf(history[0].SoundId).ShouldBe("fire", "the room's choice plays first");
        history[0].QueueItemId.ShouldBe(planned[0].GetProperty("queueItemId").GetGuid());
        history[0].Listeners.ShouldBe(3);
        history.Count(h => h.EndedAt is not null).ShouldBeGreaterThanOrEqualTo(2);
        history.Select(h => h.QueueItemId).ShouldBeUnique();
        // Each play took about as long as its sound (3 s, less the 0.5 s crossfade into the next): real playback.
        var first = history[0];
        (first.EndedAt!.Value - first.StartedAt).TotalSeconds.ShouldBeInRange(2.0, 4.5);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task ApiStoppedMidPlay_AndRestarted_PlaybackContinues_AndEveryEventArrivesExactlyOnce(CancellationToken cancellationToken)
    {
        var store = Path.Combine(_folder, "store");
        var api = ApiHost.Start(EndToEndSetup.Database, store);
        var port = api.Port;
        Room room;
        RunningAgent agent;
        try
        {
            room = await Room.ArrangeAsync(api, _folder, seconds: 3);
            await room.ListenerWhoLikesAsync("ana", "rain");
            agent = new RunningAgent(api.BaseAddress, room.DeviceKey, _loggers);
            await WaitForAsync(async () => (await room.DeviceEventsAsync()).Any(e => e.Kind == "started") ? "" : null, TimeSpan.FromSeconds(20), cancellationToken);
        }
        finally
        {
            await api.DisposeAsync();
        }

        await using (agent)
        {
            // The server is gone: the agent keeps playing (its queue, then cached sounds) and keeps its reports.
            var framesWhenDown = agent.Sink.FramesWritten;
            var down = Stopwatch.StartNew();
            await WaitForAsync(() => Task.FromResult(agent.Loop.Journal.PendingCount >= 2 && down.Elapsed > TimeSpan.FromSeconds(4) ? "" : null),
                TimeSpan.FromSeconds(30), cancellationToken);
            agent.Loop.Follower.IsReachable.ShouldBeFalse();
            (agent.Sink.FramesWritten - framesWhenDown).ShouldBeGreaterThan(OutputRate * 3, "the room kept hearing sound while the server was away");
            var heldWhileDown = agent.Loop.Journal.PendingCount;

            await using var restarted = ApiHost.Start(EndToEndSetup.Database, store, port);
            await WaitForAsync(() => Task.FromResult(agent.Loop.Journal.PendingCount == 0 && agent.Loop.Follower.IsReachable ? "" : null),
                TimeSpan.FromSeconds(30), cancellationToken);
            // One more play after the restart, so the agent is back in step with the server's queue.
            var before = (await room.DeviceEventsAsync()).Count;
            await WaitForAsync(async () => (await room.DeviceEventsAsync()).Count > before && agent.Loop.Journal.PendingCount == 0 ? "" : null,
                TimeSpan.FromSeconds(30), cancellationToken);
            await agent.DisposeAsync();

            heldWhileDown.ShouldBeGreaterThanOrEqualTo(2);
            var sent = agent.SentReports.ToList();
            var recorded = await room.DeviceEventsAsync();
            var pending = agent.Loop.Journal.Pending();
            // None lost: every event the agent made is recorded (or still in its journal, if it was cut off at the end).
            sent.Select(r => r.EventId).Distinct().Except(pending.Select(p => p.EventId)).Order()
                .ShouldBe(recorded.Select(e => e.EventId).Order());
            // None doubled: each queue item started at most once, and play_history has one row per start.
            recorded.Where(e => e.Kind == "started").Select(e => e.QueueItemId).ShouldBeUnique();
            recorded.Where(e => e.Kind == "ended").Select(e => e.QueueItemId).ShouldBeUnique();
            var history = await Room.AsOwnerAsync(db => db.PlayHistory.Where(h => h.PlayerId == room.PlayerId).ToListAsync());
            history.Select(h => h.QueueItemId).Order().ShouldBe(recorded.Where(e => e.Kind == "started").Select(e => (Guid?)e.QueueItemId).Order());
            history.Where(h => h.EndedAt is not null).Select(h => h.QueueItemId).Order()
                .ShouldBe(recorded.Where(e => e.Kind == "ended").Select(e => (Guid?)e.QueueItemId).Order());
        }
    }

    private static Task<int> EndedPlaysAsync(Room room) =>
        Room.AsOwnerAsync(db => db.PlayHistory.CountAsync(h => h.PlayerId == room.PlayerId && h.EndedAt != null));
}
