using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Soundscape.Application.Devices.Common;
using Soundscape.Audio.Playback.Sinks;
using Soundscape.PlayerAgent;
using Soundscape.PlayerAgent.Configuration;
using Soundscape.PlayerAgent.Server;

namespace Soundscape.EndToEnd.Tests;

/// <summary>
/// A player agent running in this process against a real server address, paced in real time, playing into a
/// null sink whose frame count shows whether the room hears anything. Every play report it sends is recorded on its
/// way out, whether or not the server got it.
/// </summary>
public sealed class RunningAgent : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly HttpClient _http;
    private readonly string _folder;
    private bool _disposed;

    public RunningAgent(Uri server, string deviceKey, ILoggerFactory loggers)
    {
        _folder = Directory.CreateTempSubdirectory("e2e-agent-").FullName;
        var options = new AgentOptions
        {
            ServerUrl = server.ToString(),
            DeviceKey = deviceKey,
            CacheFolder = Path.Combine(_folder, "cache"),
            JournalPath = Path.Combine(_folder, "play-journal.jsonl"),
            CrossfadeSeconds = 0.5,
            PollWaitSeconds = 2,
            HeartbeatSeconds = 1,
            RealTime = true,
            Output = { Kind = OutputKind.Null },
        };
        AgentOptionsRegistration.Complete(options, () => false);
        _http = AgentHttpClient.Create(server, deviceKey, new ReportRecorder(SentReports) { InnerHandler = new SocketsHttpHandler() });
        Loop = new AgentLoop(options, _http, loggers, Sink);
        _running = Loop.RunAsync(_stop.Token);
    }

    public AgentLoop Loop { get; }

    public NullSink Sink { get; } = new();

    /// <summary>Every play report the agent tried to send, retries included, in the order it sent them.</summary>
    public ConcurrentQueue<PlayEventRequest> SentReports { get; } = new();

    /// <summary>Stops the agent (a test may stop it before its <c>await using</c> ends; the second call does nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _stop.CancelAsync();
        await _running;
        Loop.Dispose();
        _http.Dispose();
        _stop.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class ReportRecorder(ConcurrentQueue<PlayEventRequest> sent) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/api/device/plays", StringComparison.Ordinal))
            {
                await request.Content!.LoadIntoBufferAsync(cancellationToken); // read here, and sent as it is
                sent.Enqueue((await request.Content.ReadFromJsonAsync<PlayEventRequest>(cancellationToken))!);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
