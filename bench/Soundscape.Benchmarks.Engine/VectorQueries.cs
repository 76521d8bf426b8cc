using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Library.FindNearestSounds;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Benchmarks.Engine;

/// <summary>
/// <c>vectors &lt;calls&gt;</c> (bench/engine/vectors.sh): the three ways the app moves vectors through the database,
/// each timed per call in this process, medians in ms printed as one line each:
/// <c>VECTORS nearest|recommend|read &lt;calls&gt; &lt;median ms&gt; &lt;p90 ms&gt;</c>.
/// nearest = FindNearestSoundsQuery through the mediator (LINQ: the converter, the type mapping and &lt;=&gt; on the HNSW
/// index, then AutoMapper's projection); recommend = IRecommendationEngine.RecommendWithPenaltyAsync (a TasteVector as a
/// raw SQL parameter); read = 1,000 embeddings read by raw Npgsql from the app's own data source.
/// Tastes come from the table bench_tastes (recommend_setup.sql), one per call in turn.
/// </summary>
internal static class VectorQueries
{
    public static async Task RunAsync(IServiceProvider services, int calls)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var tastes = new List<double[]>();
        await using (var command = dataSource.CreateCommand("SELECT taste::text FROM bench_tastes ORDER BY n"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tastes.Add(reader.GetString(0).Trim('[', ']').Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        }
        var player = await PlayerAsync(dataSource);

        // A warm-up pass of each, then the timed calls.
        await TimeAsync("nearest", Math.Max(calls / 10, 5), calls, tastes, async t =>
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new FindNearestSoundsQuery(new TasteDto(t[0], t[1], t[2], t[3], t[4]), 10));
            return result.Count;
        });
        await TimeAsync("recommend", Math.Max(calls / 10, 5), calls, tastes, async t =>
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
            var engine = scope.ServiceProvider.GetRequiredService<IRecommendationEngine>();
            var rows = await engine.RecommendWithPenaltyAsync(player, TasteVector.Create(t[0], t[1], t[2], t[3], t[4]), DateTimeOffset.UtcNow,
                PenaltySettings.Default, 40, 3, excludeQueued: false, CancellationToken.None);
            return rows.Count;
        });
        await TimeAsync("read", Math.Max(calls / 10, 5), calls, tastes, async _ =>
        {
            await using var command = dataSource.CreateCommand("SELECT embedding FROM sounds WHERE embedding IS NOT NULL LIMIT 1000");
            await using var reader = await command.ExecuteReaderAsync();
            var count = 0;
            while (await reader.ReadAsync())
                count += reader.GetValue(0) is null ? 0 : 1;
            return count;
        });
    }

    private static async Task<Guid> PlayerAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM players ORDER BY id LIMIT 1");
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private static async Task TimeAsync(string name, int warmUp, int calls, List<double[]> tastes, Func<double[], Task<int>> call)
    {
        for (var i = 0; i < warmUp; i++)
            await call(tastes[i % tastes.Count]);
        var times = new double[calls];
        var rows = 0L;
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            rows += await call(tastes[i % tastes.Count]);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        if (rows == 0)
            throw new InvalidOperationException($"{name} returned no rows: the benchmark database is not seeded.");
        Console.WriteLine(FormattableString.Invariant($"VECTORS {name} {calls} {times[calls / 2]:F3} {times[calls * 9 / 10]:F3}"));
    }
}
