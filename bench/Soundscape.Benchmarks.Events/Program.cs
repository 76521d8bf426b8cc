using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

// Opens <streams> room event streams (GET /api/players/{id}/events) on a running API, waits until each has its first
// event, and reads the API's RSS before (no stream open) and after (all open). Then makes <changes> queue changes in
// the database, <interval-ms> apart, as the engine does (players.queue_version moves; a trigger moves room_version and
// NOTIFYs), and times each change from just before its UPDATE to its event arriving at every stream. Prints BENCH
// lines and a Markdown table; exits 1 when a stream misses an event or fails.
//
//   dotnet Soundscape.Benchmarks.Events.dll <api-url> <player-id> <owner-connection-string> <api-pid> <streams> <changes> <interval-ms>
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: <api-url> <player-id> <owner-connection-string> <api-pid> <streams> <changes> <interval-ms>");
    return 2;
}
var api = new Uri(args[0]);
var playerId = Guid.Parse(args[1]);
var ownerConnection = args[2];
var apiPid = int.Parse(args[3], CultureInfo.InvariantCulture);
var streamCount = int.Parse(args[4], CultureInfo.InvariantCulture);
var changes = int.Parse(args[5], CultureInfo.InvariantCulture);
var interval = TimeSpan.FromMilliseconds(int.Parse(args[6], CultureInfo.InvariantCulture));

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = int.MaxValue,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    ConnectTimeout = TimeSpan.FromSeconds(30),
})
{ BaseAddress = api, Timeout = Timeout.InfiniteTimeSpan };
var path = $"/api/players/{playerId}/events";

// Warm-up, unmeasured: JIT the stream path on both sides with a few streams, then close them and let the API settle.
using (var warm = new CancellationTokenSource())
{
    var warmStreams = Enumerable.Range(0, 20).Select(i => new EventStream(i)).ToArray();
    var running = warmStreams.Select(s => s.RunAsync(http, path, warm.Token)).ToArray();
    await Task.WhenAll(warmStreams.Select(s => s.FirstEvent));
    await warm.CancelAsync();
    await Task.WhenAll(running);
}
await Task.Delay(TimeSpan.FromSeconds(5));
var rssBefore = Rss(apiPid);

using var stop = new CancellationTokenSource();
var streams = Enumerable.Range(0, streamCount).Select(i => new EventStream(i)).ToArray();
var opening = Stopwatch.StartNew();
var tasks = new Task[streams.Length];
// Opened in batches, so the accept queue (somaxconn) is not overrun.
for (var i = 0; i < streams.Length; i++)
{
    tasks[i] = streams[i].RunAsync(http, path, stop.Token);
    if (i % 100 == 99)
        await Task.WhenAll(streams.Skip(i - 99).Take(100).Select(s => s.FirstEvent));
}
await Task.WhenAll(streams.Select(s => s.FirstEvent)).WaitAsync(TimeSpan.FromMinutes(3));
var openSeconds = opening.Elapsed.TotalSeconds;
await Task.Delay(TimeSpan.FromSeconds(5));
var rssOpen = Rss(apiPid);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"BENCH opened {streams.Length} streams in {openSeconds:F1} s; API RSS {rssBefore / 1024.0:F1} MiB with none, {rssOpen / 1024.0:F1} MiB with all"));

await using var db = new NpgsqlConnection(ownerConnection);
await db.OpenAsync();
var latencies = new List<double>(streams.Length * changes);
var perChange = new List<(double P50, double P99, double Max)>();
var missed = 0;
for (var c = 0; c < changes; c++)
{
    await Task.Delay(interval);
    await using var update = new NpgsqlCommand(
        "UPDATE players SET queue_version = queue_version + 1 WHERE id = @id RETURNING room_version", db);
    update.Parameters.AddWithValue("id", playerId);
    var before = Stopwatch.GetTimestamp();
    var version = (long)(await update.ExecuteScalarAsync())!;
    // Every stream has a second to show it (the aim), and five before it counts as missed.
    var deadline = Stopwatch.StartNew();
    while (deadline.Elapsed < TimeSpan.FromSeconds(5) && streams.Any(s => !s.Has(version)))
        await Task.Delay(20);
    var these = new List<double>(streams.Length);
    foreach (var s in streams)
    {
        if (s.ArrivedAt(version) is { } at)
            these.Add(Stopwatch.GetElapsedTime(before, at).TotalMilliseconds);
        else
            missed++;
    }
    latencies.AddRange(these);
    these.Sort();
    perChange.Add((Pct(these, 0.50), Pct(these, 0.99), these.Count > 0 ? these[^1] : double.NaN));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"BENCH change {c + 1} version {version} arrived {these.Count}/{streams.Length} p50 {perChange[^1].P50:F1} ms p99 {perChange[^1].P99:F1} ms max {perChange[^1].Max:F1} ms"));
}
var rssAfter = Rss(apiPid);
var failed = streams.Count(s => s.Failure is not null);
await stop.CancelAsync();
await Task.WhenAll(tasks);

latencies.Sort();
var perStream = (rssOpen - rssBefore) * 1024.0 / streams.Length;
Console.WriteLine();
Console.WriteLine("| streams | changes | events timed | missed | failed streams | p50 ms | p99 ms | max ms | RSS none MiB | RSS all open MiB | RSS after changes MiB | per stream KB |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| {streams.Length} | {changes} | {latencies.Count} | {missed} | {failed} | {Pct(latencies, 0.50):F1} | {Pct(latencies, 0.99):F1} | {latencies[^1]:F1} | {rssBefore / 1024.0:F1} | {rssOpen / 1024.0:F1} | {rssAfter / 1024.0:F1} | {perStream / 1024.0:F1} |"));
foreach (var s in streams.Where(s => s.Failure is not null).Take(3))
    Console.Error.WriteLine($"stream {s.Index} failed: {s.Failure}");
return missed == 0 && failed == 0 ? 0 : 1;

static double Pct(List<double> sorted, double q) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * q) - 1, 0, sorted.Count - 1)];

// VmRSS of the process, in KiB.
static long Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();

/// <summary>One open stream: when each event id (room version) arrived, as Stopwatch timestamps.</summary>
internal sealed class EventStream(int index)
{
    private readonly Dictionary<long, long> _arrivals = [];
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Index { get; } = index;
    public Task FirstEvent => _first.Task;
    public Exception? Failure { get; private set; }

    public bool Has(long version)
    {
        lock (_arrivals)
            return _arrivals.ContainsKey(version);
    }

    public long? ArrivedAt(long version)
    {
        lock (_arrivals)
            return _arrivals.TryGetValue(version, out var at) ? at : null;
    }

    public async Task RunAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}");
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            long? id = null;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && id is { } version)
                {
                    var at = Stopwatch.GetTimestamp();
                    lock (_arrivals)
                        _arrivals.TryAdd(version, at);
                    _first.TrySetResult();
                }
            }
            throw new IOException("the stream ended");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Failure = ex;
            _first.TrySetException(ex);
        }
    }
}
