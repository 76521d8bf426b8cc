using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Soundscape.Api.Hosting;
using Soundscape.Application;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Infrastructure;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Benchmarks.Engine;

/// <summary>
/// Engine benchmarks that need the database (bench/engine/*.sh run them):
/// <c>migrate</c> applies the migrations to the database of ConnectionStrings__SoundscapeMigrations;
/// <c>tick &lt;rounds&gt; [first-round]</c> runs the engine's own PlanningPolicy.PlanRoundAsync (claim the round's online players,
/// plan them in batches of Recommendation:PlanningBatchSize, Recommendation:PlanningConcurrency batches in parallel) once
/// per round, with the services the API builds
/// (AddApplication + AddInfrastructure, service role), and prints one line per round:
/// <c>ROUND &lt;n&gt; &lt;round number&gt; &lt;players planned&gt; &lt;wall ms&gt; &lt;this process's CPU ms&gt; &lt;queues changed&gt;</c>.
/// Configuration comes from the API's appsettings.json and the environment, as for the API.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("migrate" or "tick" or "vectors" or "resets"))
        {
            await Console.Error.WriteLineAsync("usage: Soundscape.Benchmarks.Engine migrate | tick <rounds> [first-round-number] | vectors <calls> | resets <n>");
            return 2;
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // The API's configuration: its appsettings.json (copied next to this executable), then the environment.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).AddEnvironmentVariables();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddApplication(builder.Configuration);
        builder.Services.AddInfrastructure(builder.Configuration);
        builder.Services.AddSingleton<IPlanningObserver, CountingPlanningObserver>();
        using var host = builder.Build();

        if (args[0] == "migrate")
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            return 0;
        }

        if (args[0] == "vectors")
        {
            await VectorQueries.RunAsync(host.Services, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
            return 0;
        }

        if (args[0] == "resets")
        {
            await DatabaseResets.RunAsync(builder.Configuration.GetConnectionString("SoundscapeMigrations")!,
                args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
            return 0;
        }

        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        // Round numbers are new for every run of the script (the engine numbers them by wall-clock time).
        var first = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var engine = host.Services.GetRequiredService<PlanningPolicy>();
        var log = (CountingPlanningObserver)host.Services.GetRequiredService<IPlanningObserver>();
        // Queues changed in a round = queue versions bumped (a plan that changes a queue bumps it once), read apart.
        await using var probe = NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("SoundscapeService")!);
        async Task<long> VersionsAsync()
        {
            await using var command = probe.CreateCommand("SELECT coalesce(sum(queue_version), 0)::bigint FROM players");
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < rounds; i++)
        {
            var round = first + i;
            var before = log.PlanCount;
            var versions = await VersionsAsync();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await engine.PlanRoundAsync(round, CancellationToken.None);
            watch.Stop();
            process.Refresh();
            cpu = process.TotalProcessorTime - cpu;
            var changed = await VersionsAsync() - versions;
            // PlanAsync logs and swallows a failed plan: only the ones it recorded count.
            var planned = log.PlanCount - before;
            Console.WriteLine(FormattableString.Invariant($"ROUND {i + 1} {round} {planned} {watch.Elapsed.TotalMilliseconds:F1} {cpu.TotalMilliseconds:F0} {changed}"));
        }
        return 0;
    }
}

/// <summary>Counts the plans the engine made (a number, not a record: a benchmark may run many rounds).</summary>
internal sealed class CountingPlanningObserver : IPlanningObserver
{
    private long _planned;

    public long PlanCount => Interlocked.Read(ref _planned);

    public void Claimed(long round, int count)
    {
    }

    public void Planned(long round, Guid playerId) => Interlocked.Increment(ref _planned);
}
