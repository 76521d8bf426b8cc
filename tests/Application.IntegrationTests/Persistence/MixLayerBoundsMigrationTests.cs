using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Domain.Library;
using Soundscape.Migrations.Migrations;

namespace Soundscape.Application.IntegrationTests.Persistence;

/// <summary>
/// Rows written before the mix bounds (20261203110001_MixLayerBounds): the clamp brings them within the bounds, so the
/// domain can load them; the constraints then refuse new ones.
/// </summary>
public sealed class MixLayerBoundsMigrationTests : DatabaseTest
{
    private Guid _creator;
    private Guid _rain;

    [SetUp]
    public async Task ArrangeAsync()
    {
        var (user, profile) = TestData.Listener("old-mixer");
        var rain = TestData.Sound("rain", null); // 60 s
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile, rain); await db.SaveChangesAsync(); });
        (_creator, _rain) = (profile.Id, rain.Id);
    }

    [Test]
    public async Task Clamp_OldRowsBeyondTheBounds_AreBroughtWithinThem_AndTheRestIsUntouched()
    {
        await using var connection = await OpenOwnerAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "ALTER TABLE mixes DROP CONSTRAINT mixes_layers_within_bounds, DROP CONSTRAINT mixes_duration_at_most_a_day");
        // (delay, volume, loop) per layer, and the duration the old code stored.
        var years = await InsertAsync(connection, 1e9 + 60, (1e9, 1, false), (0, 0.5, true));
        var tiny = await InsertAsync(connection, 60, (0, 1e-30, false), (0, 1e-46, true), (5, 0.00009, false));
        var loud = await InsertAsync(connection, 7260, (7200, 1.5, true));
        var fine = await InsertAsync(connection, 70, (10, 0.0001, false), (0, 0, true));

        await ExecuteAsync(connection, MixLayerBounds.ClampSql);

        (await LayersAsync(connection, years)).ShouldBe([(3600, 1, false), (0, 0.5, true)]);
        (await DurationAsync(connection, years)).ShouldBe(3660, "the longest non-looping layer: 60 s after an hour");
        (await LayersAsync(connection, tiny)).ShouldBe([(0, 0, false), (0, 0, true), (5, 0, false)]);
        (await DurationAsync(connection, tiny)).ShouldBe(60, "volumes do not change how long a mix lasts");
        (await LayersAsync(connection, loud)).ShouldBe([(3600, 1, true)]);
        (await DurationAsync(connection, loud)).ShouldBe(3660, "every layer loops: one pass of the longest");
        (await LayersAsync(connection, fine)).ShouldBe([(10, 0.0001, false), (0, 0, true)]);
        (await DurationAsync(connection, fine)).ShouldBe(70);
        (await ScalarAsync(connection, "SELECT count(*) FROM mixes WHERE NOT mix_layers_within_bounds(layers) OR duration > 86400")).ShouldBe(0L);
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task Clamp_AMixLongerThanADayEvenWithinTheDelays_IsCutTo24Hours()
    {
        await using var connection = await OpenOwnerAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "ALTER TABLE mixes DROP CONSTRAINT mixes_duration_at_most_a_day");
        var id = await InsertAsync(connection, 100_000, (0, 1, false));

        await ExecuteAsync(connection, MixLayerBounds.ClampSql);

        (await DurationAsync(connection, id)).ShouldBe(86400);
        await transaction.RollbackAsync();
    }

    [TestCase(3600.5, 1.0, 60.0)]
    [TestCase(1e9, 1.0, 60.0)]
    [TestCase(0.0, 1e-30, 60.0)]
    [TestCase(0.0, 1.01, 60.0)]
    [TestCase(0.0, 1.0, 86401.0)]
    public async Task Constraints_RefuseARowBeyondTheBounds_EvenFromTheOwner(double delay, double volume, double duration)
    {
        await using var connection = await OpenOwnerAsync();

        var refused = await Should.ThrowAsync<PostgresException>(() => InsertAsync(connection, duration, (delay, volume, false)));

        refused.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
        (await ScalarAsync(connection, "SELECT count(*) FROM mixes")).ShouldBe(0L);
    }

    [Test]
    public async Task ClampedRows_LoadThroughTheDomain()
    {
        await using (var connection = await OpenOwnerAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, "ALTER TABLE mixes DROP CONSTRAINT mixes_layers_within_bounds, DROP CONSTRAINT mixes_duration_at_most_a_day");
            await InsertAsync(connection, 1e9 + 60, (1e9, 1e-30, false));
            await ExecuteAsync(connection, MixLayerBounds.ClampSql);
            // The constraints come back: the clamped row satisfies them.
            await ExecuteAsync(connection, """
                ALTER TABLE mixes ADD CONSTRAINT mixes_duration_at_most_a_day CHECK (duration <= 86400),
                                  ADD CONSTRAINT mixes_layers_within_bounds CHECK (mix_layers_within_bounds(layers))
                """);
            await transaction.CommitAsync();
        }

        var mix = await Testing.WithContextAsync(db => db.Mixes.AsNoTracking().SingleAsync());

        mix.Layers.ShouldBe([new MixLayer(_rain, 0, false, 3600)]);
        mix.DurationSeconds.ShouldBe(3660);
    }

    private async Task<Guid> InsertAsync(NpgsqlConnection connection, double duration, params (double Delay, double Volume, bool Loop)[] layers)
    {
        var id = Guid.NewGuid();
        var json = "[" + string.Join(",", layers.Select(l => string.Create(CultureInfo.InvariantCulture,
            $$"""{"sound_id":"{{_rain}}","volume":{{l.Volume:R}},"loop":{{(l.Loop ? "true" : "false")}},"delay_seconds":{{l.Delay:R}}}"""))) + "]";
        await using var command = new NpgsqlCommand(
            "INSERT INTO mixes (id, name, creator_id, layers, is_public, duration) VALUES (@id, 'old', @creator, @layers::jsonb, true, @duration)", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("creator", _creator);
        command.Parameters.AddWithValue("layers", json);
        command.Parameters.AddWithValue("duration", duration);
        await command.ExecuteNonQueryAsync();
        return id;
    }

    private static async Task<List<(double Delay, double Volume, bool Loop)>> LayersAsync(NpgsqlConnection connection, Guid id)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (l ->> 'delay_seconds')::float8, (l ->> 'volume')::float8, (l ->> 'loop')::boolean
            FROM mixes, jsonb_array_elements(layers) WITH ORDINALITY AS e(l, ord) WHERE id = @id ORDER BY ord
            """, connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var layers = new List<(double, double, bool)>();
        while (await reader.ReadAsync())
            layers.Add((reader.GetDouble(0), reader.GetDouble(1), reader.GetBoolean(2)));
        return layers;
    }

    private static async Task<double> DurationAsync(NpgsqlConnection connection, Guid id)
    {
        await using var command = new NpgsqlCommand("SELECT duration FROM mixes WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (double)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
