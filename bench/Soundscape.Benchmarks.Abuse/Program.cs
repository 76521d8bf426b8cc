using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

// Alternating rounds against a running API: "quiet" (a listener votes, nothing else) and "flood" (the same votes
// while POST /api/auth/token is sent at a fixed rate with unknown e-mails, each of which would cost a password hash
// if it got through). Prints one BENCH line per round and a Markdown table; exits 1 when a vote fails.
//
//   dotnet Soundscape.Benchmarks.Abuse.dll <api-url> <token-file> <sounds-file> <rounds> <seconds> <vote-rate> \
//       <flood-rate> <flood-connections> <flood-max-per-round> <label>
//
// The flood of each round comes from a child process of this program (`flood` mode) at the lowest CPU priority
// (nice 19): a real attacker's client runs on the attacker's machine, so its own cost (400 requests a second of
// client-side HTTP) must not be charged to the server or to the voter's measurement. What the server does with the
// flood (parsing, routing, limiting, answering 429, the hashes that get through) still runs at normal priority.
//
//   dotnet Soundscape.Benchmarks.Abuse.dll flood <api-url> <seconds> <flood-rate> <flood-connections> <flood-max>
//     waits for a line on standard input, floods, and prints one FLOOD line with its counts.
if (args is ["flood", var floodApi, var floodSeconds, var floodRateArg, var floodConnectionsArg, var floodMaxArg])
{
    var floodConnectionCount = int.Parse(floodConnectionsArg, CultureInfo.InvariantCulture);
    using var floodClient = Client(new Uri(floodApi), floodConnectionCount);
    // Started before the round and held until told to go, so the round does not include this process's start-up.
    Console.WriteLine("ready");
    Console.In.ReadLine();
    var c = await Flood(floodClient, TimeSpan.FromSeconds(double.Parse(floodSeconds, CultureInfo.InvariantCulture)),
        double.Parse(floodRateArg, CultureInfo.InvariantCulture), floodConnectionCount, int.Parse(floodMaxArg, CultureInfo.InvariantCulture));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FLOOD {c.Sent} {c.TooMany} {c.Unauthorized} {c.Other} {c.Errors} {c.P50:R}"));
    return 0;
}
if (args.Length != 10)
{
    Console.Error.WriteLine("usage: <api-url> <token-file> <sounds-file> <rounds> <seconds> <vote-rate> <flood-rate> <flood-connections> <flood-max-per-round> <label>");
    return 2;
}
var api = new Uri(args[0]);
var token = File.ReadAllText(args[1]).Trim();
var sounds = File.ReadAllLines(args[2]).Where(l => l.Length > 0).ToArray();
var rounds = int.Parse(args[3], CultureInfo.InvariantCulture);
var seconds = TimeSpan.FromSeconds(double.Parse(args[4], CultureInfo.InvariantCulture));
var voteRate = double.Parse(args[5], CultureInfo.InvariantCulture);
var floodRate = double.Parse(args[6], CultureInfo.InvariantCulture);
var floodConnections = int.Parse(args[7], CultureInfo.InvariantCulture);
var floodMax = int.Parse(args[8], CultureInfo.InvariantCulture);
var label = args[9];

using var voter = Client(api, 64);
voter.DefaultRequestHeaders.Authorization = new("Bearer", token);

// Unmeasured warm-up: JIT, connection pools, the database's caches.
await Votes(voter, sounds, TimeSpan.FromSeconds(3), voteRate);

var results = new List<Round>();
for (var r = 1; r <= rounds; r++)
{
    foreach (var flood in new[] { false, true })
    {
        using var flooder = flood ? await FloodProcess.StartAsync(api, seconds, floodRate, floodConnections, floodMax) : null;
        var floodTask = flooder?.RunAsync() ?? Task.FromResult(FloodCounts.None);
        var votes = await Votes(voter, sounds, seconds, voteRate);
        var counts = await floodTask;
        var round = new Round(r, flood ? "flood" : "quiet", votes, counts);
        results.Add(round);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BENCH {label} round {r} {round.Kind} votes {votes.Ok} failed {votes.Failed} p50 {votes.P50:F2} p99 {votes.P99:F2} " +
            $"flood {counts.Sent} 429 {counts.TooMany} 401 {counts.Unauthorized} other {counts.Other} errors {counts.Errors} flood-p50 {counts.P50:F2}"));
    }
}

var quiet = results.Where(x => x.Kind == "quiet").ToList();
var flooded = results.Where(x => x.Kind == "flood").ToList();
double Median(IEnumerable<double> values) { var v = values.Order().ToArray(); return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2; }
var (q50, q99, f50, f99) = (Median(quiet.Select(x => x.Votes.P50)), Median(quiet.Select(x => x.Votes.P99)),
    Median(flooded.Select(x => x.Votes.P50)), Median(flooded.Select(x => x.Votes.P99)));

var table = new StringBuilder();
table.AppendLine(CultureInfo.InvariantCulture, $"| {label}: round | kind | votes | vote p50 ms | vote p99 ms | token requests | 429 | 401 | other | errors |");
table.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var x in results)
    table.AppendLine(CultureInfo.InvariantCulture,
        $"| {x.Number} | {x.Kind} | {x.Votes.Ok} | {x.Votes.P50:F2} | {x.Votes.P99:F2} | {x.Flood.Sent} | {x.Flood.TooMany} | {x.Flood.Unauthorized} | {x.Flood.Other} | {x.Flood.Errors} |");
table.AppendLine(CultureInfo.InvariantCulture,
    $"| **median** | quiet | {quiet.Sum(x => x.Votes.Failed)} failed | **{q50:F2}** | **{q99:F2}** | | | | | |");
table.AppendLine(CultureInfo.InvariantCulture,
    $"| **median** | flood | {flooded.Sum(x => x.Votes.Failed)} failed | **{f50:F2}** | **{f99:F2}** | {flooded.Sum(x => x.Flood.Sent)} | {flooded.Sum(x => x.Flood.TooMany)} | {flooded.Sum(x => x.Flood.Unauthorized)} | {flooded.Sum(x => x.Flood.Other)} | {flooded.Sum(x => x.Flood.Errors)} |");
Console.WriteLine();
Console.Write(table);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nflood / quiet ({label}): p50 {f50 / q50:F2}x, p99 {f99 / q99:F2}x"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH {label} ratio p50 {f50 / q50:F3} p99 {f99 / q99:F3}"));

// The same ratio over all votes of a kind pooled: a p99 of 1,500 votes is the 15th slowest, far less sensitive to one
// or two stragglers than each round's p99 of 300 (its 3rd slowest).
double[] Pool(IEnumerable<Round> rounds) => rounds.SelectMany(x => x.Votes.Latencies).Order().ToArray();
var (pooledQuiet, pooledFlood) = (Pool(quiet), Pool(flooded));
var (pq50, pq99, pf50, pf99) = (Percentile(pooledQuiet, 0.50), Percentile(pooledQuiet, 0.99), Percentile(pooledFlood, 0.50), Percentile(pooledFlood, 0.99));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"pooled ({label}): quiet {pooledQuiet.Length} votes p50 {pq50:F2} p99 {pq99:F2}; flood {pooledFlood.Length} votes p50 {pf50:F2} p99 {pf99:F2}; flood / quiet p50 {pf50 / pq50:F2}x, p99 {pf99 / pq99:F2}x"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH {label} pooled-ratio p50 {pf50 / pq50:F3} p99 {pf99 / pq99:F3}"));
return results.Any(x => x.Votes.Failed > 0) ? 1 : 0;

// A request still unanswered after 10 s counts as failed.
static HttpClient Client(Uri api, int connections) => new(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
})
{ BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };

// Votes at a fixed rate (open loop: each starts on schedule, however long the previous one takes), latency of each.
static async Task<VoteStats> Votes(HttpClient client, string[] sounds, TimeSpan duration, double rate)
{
    var latencies = new ConcurrentBag<double>();
    var failed = 0;
    var clock = Stopwatch.StartNew();
    var inFlight = new List<Task>();
    for (var i = 0; ; i++)
    {
        var due = TimeSpan.FromSeconds(i / rate);
        if (due >= duration)
            break;
        if (due > clock.Elapsed)
            await Task.Delay(due - clock.Elapsed);
        var body = $$"""{"soundId":"{{sounds[Random.Shared.Next(sounds.Length)]}}","rating":{{Random.Shared.Next(1, 6)}}}""";
        inFlight.Add(Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.PostAsync("/api/votes", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.StatusCode == HttpStatusCode.Created)
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else
                    Interlocked.Increment(ref failed);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref failed);
            }
        }));
    }
    await Task.WhenAll(inFlight);
    var sorted = latencies.Order().ToArray();
    return new VoteStats(sorted.Length, failed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted);
}

// Token requests for unknown e-mails at a fixed rate over a fixed number of connections, at most max of them.
static async Task<FloodCounts> Flood(HttpClient client, TimeSpan duration, double rate, int connections, int max)
{
    int sent = 0, tooMany = 0, unauthorized = 0, other = 0, errors = 0;
    var latencies = new ConcurrentBag<double>();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            var i = Interlocked.Increment(ref sent) - 1;
            var due = TimeSpan.FromSeconds(i / rate);
            // Bounded in count and in time: a worker that fell behind its schedule stops at the end of the round too.
            if (i >= max || due >= duration || clock.Elapsed >= duration)
            {
                Interlocked.Decrement(ref sent);
                return;
            }
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var body = $$"""{"email":"flood-{{Guid.NewGuid():N}}@bench.soundscape.test","password":"not the password"}""";
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.PostAsync("/api/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                _ = response.StatusCode switch
                {
                    HttpStatusCode.TooManyRequests => Interlocked.Increment(ref tooMany),
                    HttpStatusCode.Unauthorized => Interlocked.Increment(ref unauthorized),
                    _ => Interlocked.Increment(ref other),
                };
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
        }
    })));
    var sorted = latencies.Order().ToArray();
    return new FloodCounts(sent, tooMany, unauthorized, other, errors, Percentile(sorted, 0.50));
}

static double Percentile(double[] sorted, double q) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * q) - 1, 0, sorted.Length - 1)];

/// <summary>One round's votes: counts, percentiles in ms, and every answered vote's latency in ms, ascending.</summary>
internal sealed record VoteStats(int Ok, int Failed, double P50, double P99, double[] Latencies);

internal sealed record FloodCounts(int Sent, int TooMany, int Unauthorized, int Other, int Errors, double P50)
{
    public static FloodCounts None { get; } = new(0, 0, 0, 0, 0, double.NaN);
}

internal sealed record Round(int Number, string Kind, VoteStats Votes, FloodCounts Flood);

/// <summary>The flood of one round, from a child process of this program at nice 19 (see the comment at the top).</summary>
internal sealed class FloodProcess : IDisposable
{
    private readonly Process _process;

    private FloodProcess(Process process) => _process = process;

    public static async Task<FloodProcess> StartAsync(Uri api, TimeSpan seconds, double rate, int connections, int max)
    {
        var self = typeof(FloodProcess).Assembly.Location;
        var start = new ProcessStartInfo("nice") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "19", "dotnet", self, "flood", api.ToString(),
                     seconds.TotalSeconds.ToString(CultureInfo.InvariantCulture), rate.ToString(CultureInfo.InvariantCulture),
                     connections.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the flood process");
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready != "ready")
            throw new InvalidOperationException($"the flood process said '{ready}' instead of ready");
        return new FloodProcess(process);
    }

    public async Task<FloodCounts> RunAsync()
    {
        await _process.StandardInput.WriteLineAsync("go");
        await _process.StandardInput.FlushAsync();
        var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the flood process ended without counts");
        await _process.WaitForExitAsync();
        var f = line.Split(' ');
        if (f is not ["FLOOD", _, _, _, _, _, _])
            throw new InvalidOperationException($"unexpected flood output '{line}'");
        int I(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
        return new FloodCounts(I(1), I(2), I(3), I(4), I(5), double.Parse(f[6], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
