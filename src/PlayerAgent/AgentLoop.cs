using Soundscape.Audio;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Playback;
using Soundscape.Audio.Playback.Sinks;
using Soundscape.PlayerAgent.Caching;
using Soundscape.PlayerAgent.Configuration;
using Soundscape.PlayerAgent.Playback;
using Soundscape.PlayerAgent.Queue;
using Soundscape.PlayerAgent.Reporting;
using Soundscape.PlayerAgent.Server;

namespace Soundscape.PlayerAgent;

/// <summary>
/// One agent, assembled: the queue follower, the playback director in front of the engine (crossfade queue →
/// limiter → output), the report sender and the heartbeat. <see cref="AgentWorker"/> runs it in the host; tests run
/// it in-process against the real API.
/// </summary>
public sealed class AgentLoop : IDisposable
{
    public static readonly AudioFormat EngineFormat = AudioFormat.Stereo48k;

    private readonly AgentOptions options;
    private readonly ILogger logger;
    private readonly ILogger memoryLogger;
    private readonly SinkWavePlayer output;
    private readonly CrossfadeQueue engine;
    private readonly PlayReportSender sender;

    public AgentLoop(AgentOptions options, HttpClient http, ILoggerFactory loggers, IAudioSink? sink = null)
    {
        this.options = options;
        logger = loggers.CreateLogger<AgentLoop>();
        memoryLogger = loggers.CreateLogger(MemoryLogCategory);
        Client = new DeviceClient(http, loggers.CreateLogger<DeviceClient>());
        Cache = new AudioCache(http, options.CacheFolder, options.CacheMaxBytes, loggers.CreateLogger<AudioCache>());
        Journal = new PlayEventJournal(options.JournalPath, logger: loggers.CreateLogger<PlayEventJournal>());
        Follower = new QueueFollower(Client, Cache, new LastQueueStore(options.StatePath ?? Path.Combine(Path.GetDirectoryName(options.JournalPath)!, "last-queue.json"), loggers.CreateLogger<LastQueueStore>()),
            options.PollWaitSeconds, loggers.CreateLogger<QueueFollower>());
        engine = new CrossfadeQueue(EngineFormat, TimeSpan.FromSeconds(options.CrossfadeSeconds));
        Output = new ContinuousSource(new Limiter(engine), options.RealTime);
        Director = new PlaybackDirector(engine, new ItemSources(Cache, Client.AudioUri, new AudioDecoder(), EngineFormat), Journal,
            () => Follower.IsReachable, Follower.Current, loggers.CreateLogger<PlaybackDirector>());
        Director.Enqueued += Output.Wake;
        Follower.QueueChanged += Director.OnQueueChanged;
        sender = new PlayReportSender(Journal, Client.ReportAsync, loggers.CreateLogger<PlayReportSender>());
        // The output is NAudio's IWavePlayer; on Linux it is ours (ALSA, WAV file or null behind SinkWavePlayer).
        output = new SinkWavePlayer(sink ?? AudioOutputFactory.Create(new AudioOutputOptions
        {
            Output = (options.Output.Kind ?? OutputKind.Null).ToString().ToLowerInvariant(),
            Device = options.Output.Device,
            FilePath = options.Output.FilePath,
            WavMaxFileDuration = TimeSpan.FromSeconds(options.Output.MaxFileSeconds),
        }), new PlaybackPumpOptions { RealTime = options.RealTime });
    }

    /// <summary>
    /// The log category of a once-a-second memory line (managed heap, GC heap, working set), written only when it is
    /// enabled at Debug, e.g. <c>Logging__LogLevel__Soundscape.PlayerAgent.Memory=Debug</c>; bench/agent/memory.sh
    /// reads it.
    /// </summary>
    public const string MemoryLogCategory = "Soundscape.PlayerAgent.Memory";

    public DeviceClient Client { get; }

    public AudioCache Cache { get; }

    public PlayEventJournal Journal { get; }

    public QueueFollower Follower { get; }

    public PlaybackDirector Director { get; }

    /// <summary>What the output pulls: the engine's sound, with silence where nothing plays.</summary>
    public ContinuousSource Output { get; }

    /// <summary>Runs until cancelled; the output is closed (a WAV file finished) when it returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("PlayerAgent started for {ServerUrl}; cache {CacheFolder}, output {Output}, crossfade {Crossfade} s{Pacing}",
            Client.Http.BaseAddress, Cache.Folder, output.Name, options.CrossfadeSeconds, options.RealTime ? "" : ", not paced in real time");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        output.Init(Output.ToWaveProvider());
        output.Play();
        using var stopOutput = stop.Token.Register(output.Stop);
        Task pump = output.Completion;
        var tasks = new List<Task>
        {
            pump,
            Follower.RunAsync(stop.Token),
            Director.RunAsync(stop.Token),
            sender.RunAsync(stop.Token),
            HeartbeatAsync(stop.Token),
        };
        if (memoryLogger.IsEnabled(LogLevel.Debug))
            tasks.Add(LogMemoryAsync(stop.Token));
        try
        {
            // Any part ending by itself (the output failing to open, say) ends the agent: it is not playing any more.
            var first = await Task.WhenAny(tasks);
            if (!cancellationToken.IsCancellationRequested)
                await first;
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(tasks);
            }
            catch (OperationCanceledException)
            {
            }
            // The output has stopped: what was sounding ends here, and its reports wait in the journal for the next run.
            Director.Stop();
            logger.LogInformation("PlayerAgent stopped; {Pending} play reports wait in the journal", Journal.PendingCount);
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.HeartbeatSeconds));
        do
        {
            var status = Director.Playing is not null ? "playing" : "idle";
            try
            {
                await Client.HeartbeatAsync(status, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                logger.LogDebug("Heartbeat not delivered: {Reason}", ex.Message);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    /// <summary>Debug diagnostics: one line a second with the process's memory, cheap enough to leave on while playing.</summary>
    private async Task LogMemoryAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await WaitAsync(timer, cancellationToken))
        {
            var gc = GC.GetGCMemoryInfo();
            memoryLogger.LogDebug(
                "Memory: managed {ManagedBytes} B, GC heap {HeapBytes} B, GC committed {CommittedBytes} B, working set {WorkingSetBytes} B, " +
                "collections {Gen0}/{Gen1}/{Gen2}, playing {Playing}",
                GC.GetTotalMemory(forceFullCollection: false), gc.HeapSizeBytes, gc.TotalCommittedBytes, Environment.WorkingSet,
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), Director.Playing?.Title ?? "nothing");
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Cache.Dispose();
        Journal.Dispose();
        output.Dispose();
    }
}
