using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Soundscape.Application.Devices.Common;
using Soundscape.Audio;
using Soundscape.Audio.Playback.Sinks;
using Soundscape.Audio.Wav;
using Soundscape.PlayerAgent.Configuration;
using Soundscape.PlayerAgent.Server;
using Soundscape.PlayerAgent.Tests.Support;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>
/// The whole agent loop against a small fake device server (no database): the server goes away mid-play, playback
/// continues from the cache, and when it is back every report arrives once, in order.
/// </summary>
public sealed class AgentLoopFaultTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task ServerDownMidPlay_PlaybackContinues_AndEveryReportArrivesOnceInOrder(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("agent-loop-").FullName;
        var audio = new[] { Wav(0.1f), Wav(0.2f) };
        var queue = new DeviceQueueDto(1, [Item(0, "a", audio[0]), Item(1, "b", audio[1])]);
        var down = false;
        var received = new ConcurrentQueue<PlayEventRequest>();
        await using var server = await AudioTestServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                if (Volatile.Read(ref down))
                    context.Abort(); // as unreachable as a stopped server
                else
                    await next(context);
            });
            app.MapGet("/api/device/queue", async (HttpContext context) =>
            {
                if (context.Request.Headers.IfNoneMatch.ToString() == DeviceProtocol.ETag(queue.Version))
                {
                    await Task.Delay(200, context.RequestAborted);
                    return Results.StatusCode(304);
                }
                context.Response.Headers.ETag = DeviceProtocol.ETag(queue.Version);
                return Results.Ok(queue);
            });
            app.MapGet("/audio/{index:int}", (HttpContext context, int index) => AudioTestServer.ServeAsync(context, audio[index]));
            app.MapPost("/api/device/plays", (PlayEventRequest request) =>
            {
                var duplicate = received.Any(r => r.EventId == request.EventId);
                received.Enqueue(request);
                return duplicate ? Results.Ok(new PlayEventResult(request.EventId, true)) : Results.Created((string?)null, new PlayEventResult(request.EventId, false));
            });
            app.MapPost("/api/device/heartbeat", () => Results.Ok());
        });
        var options = new AgentOptions
        {
            ServerUrl = server.BaseAddress.ToString(),
            DeviceKey = "key",
            CacheFolder = Path.Combine(folder, "cache"),
            JournalPath = Path.Combine(folder, "journal.jsonl"),
            CrossfadeSeconds = 0.2,
            PollWaitSeconds = 1,
            RealTime = true,
            Output = { Kind = OutputKind.Null },
        };
        AgentOptionsRegistration.Complete(options, () => false);
        using var http = AgentHttpClient.Create(server.BaseAddress, "key");
        var sink = new NullSink();
        using var agent = new AgentLoop(options, http, NullLoggerFactory.Instance, sink);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = agent.RunAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => received.Any(r => r.Event == "started"), cancellationToken);
            Volatile.Write(ref down, true);
            var framesWhenDown = sink.FramesWritten;

            // a and b play out while the server is away (b was prefetched), then cached sounds carry on.
            await WaitUntilAsync(() => agent.Journal.PendingCount >= 3 && agent.Director.Playing is { Item: null }, cancellationToken);
            agent.Output.AudioFrames.ShouldBeGreaterThan(0);
            sink.FramesWritten.ShouldBeGreaterThan(framesWhenDown + 48_000, "the room kept hearing sound");
            Volatile.Write(ref down, false);
            await WaitUntilAsync(() => agent.Journal.PendingCount == 0, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            Directory.Delete(folder, recursive: true);
        }

        var distinct = received.DistinctBy(r => r.EventId).ToList();
        distinct.Select(r => (Title(queue, r.QueueItemId), r.Event)).ShouldBe([("a", "started"), ("b", "started"), ("a", "ended"), ("b", "ended")]);
        distinct.Select(r => r.At).ShouldBeInOrder();
    }

    private static string Title(DeviceQueueDto queue, Guid id) => queue.Items.Single(i => i.QueueItemId == id).Sound!.Title;

    private static DeviceQueueItemDto Item(int index, string title, byte[] bytes) =>
        new(Guid.NewGuid(), index, "sound", new DeviceSoundDto(Guid.NewGuid(), title, 1, $"/audio/{index}", AudioTestServer.Hash(bytes)), null);

    /// <summary>One second of a constant, as a 16-bit mono WAV.</summary>
    private static byte[] Wav(float level)
    {
        var path = Path.GetTempFileName();
        using (var writer = WavWriter.Create(path, new AudioFormat(8000, 1)))
            writer.Write(Enumerable.Repeat(level, 8000).ToArray());
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
            await Task.Delay(50, cancellationToken);
    }
}
