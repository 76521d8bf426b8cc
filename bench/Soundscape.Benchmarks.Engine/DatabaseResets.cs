using System.Diagnostics;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace Soundscape.Benchmarks.Engine;

/// <summary>
/// <c>resets &lt;n&gt;</c> (bench/engine/resets.sh): the tests' database reset, Respawn 7 (one Respawner, as
/// tests/TestSupport's TestDatabase builds it) against the hand-written reset it replaced (one
/// <c>TRUNCATE … RESTART IDENTITY CASCADE</c> over every table of public and auth but the migrations history,
/// its statement built once). Before each reset a few rows go into sounds, auth.users and profiles, so every reset
/// has something to empty; the two alternate, which goes first alternating too. Prints
/// <c>RESETS truncate|respawn &lt;n&gt; &lt;median ms&gt; &lt;p90 ms&gt;</c>, times taken on a fresh connection per reset,
/// as the tests do (the connection's open is included).
/// </summary>
internal static class DatabaseResets
{
    public static async Task RunAsync(string ownerConnectionString, int resets)
    {
        string truncate;
        Respawner respawner;
        await using (var connection = new NpgsqlConnection(ownerConnectionString))
        {
            await connection.OpenAsync();
            await using var list = new NpgsqlCommand("""
                SELECT string_agg(format('%I.%I', schemaname, tablename), ', ' ORDER BY 1)
                FROM pg_tables WHERE schemaname IN ('public', 'auth') AND tablename <> '__EFMigrationsHistory'
                """, connection);
            truncate = $"TRUNCATE TABLE {(string)(await list.ExecuteScalarAsync())!} RESTART IDENTITY CASCADE";
            respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = ["public", "auth"],
                TablesToIgnore = [new Table("__EFMigrationsHistory")],
                WithReseed = true,
            });
        }

        async Task TruncateAsync()
        {
            await using var connection = new NpgsqlConnection(ownerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(truncate, connection);
            await command.ExecuteNonQueryAsync();
        }
        async Task RespawnAsync()
        {
            await using var connection = new NpgsqlConnection(ownerConnectionString);
            await connection.OpenAsync();
            await respawner.ResetAsync(connection);
        }

        var times = new Dictionary<string, List<double>> { ["truncate"] = [], ["respawn"] = [] };
        for (var i = 0; i < resets + 10; i++)
        {
            var order = i % 2 == 0 ? new[] { "truncate", "respawn" } : ["respawn", "truncate"];
            foreach (var name in order)
            {
                await SeedAsync(ownerConnectionString, i);
                var watch = Stopwatch.StartNew();
                await (name == "truncate" ? TruncateAsync() : RespawnAsync());
                watch.Stop();
                if (i >= 10) // the first ten of each warm up the pool and the plans
                    times[name].Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        foreach (var (name, list) in times)
        {
            list.Sort();
            Console.WriteLine(FormattableString.Invariant($"RESETS {name} {list.Count} {list[list.Count / 2]:F3} {list[list.Count * 9 / 10]:F3}"));
        }
    }

    private static async Task SeedAsync(string ownerConnectionString, int round)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO sounds (id, title, file_path, content_hash)
            SELECT gen_random_uuid(), 'reset ' || g, 'reset/' || g || '.wav', encode(sha256(convert_to(@round || '-' || g || '-' || clock_timestamp(), 'UTF8')), 'hex')
            FROM generate_series(1, 5) AS g;
            WITH u AS (
                INSERT INTO auth.users (id, email, email_key, password_hash)
                SELECT gen_random_uuid(), 'r' || g || '-' || @round || '@example.test', 'r' || g || '-' || @round || '@example.test', 'x'
                FROM generate_series(1, 3) AS g RETURNING id)
            INSERT INTO profiles (id, display_name) SELECT id, 'reset' FROM u;
            """, connection);
        command.Parameters.AddWithValue("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid());
        await command.ExecuteNonQueryAsync();
    }
}
