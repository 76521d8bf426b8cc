using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests;

public sealed class HealthTests : ApiTest
{
    [Test]
    public async Task Health_WhenDatabaseIsMigrated_Returns200()
    {
        var response = await Client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("healthy");
        body.GetProperty("database").GetProperty("migrated").GetBoolean().ShouldBeTrue();
    }

    [Test]
    public async Task Health_WhenDatabaseIsUnreachable_Returns503()
    {
        // Port 9 (discard) on loopback: nothing listens there.
        const string nowhere = "Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none;Timeout=2";
        await using var factory = new SoundscapeApiFactory(nowhere, nowhere, migrateOnStartup: false);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("database").GetProperty("reachable").GetBoolean().ShouldBeFalse();
    }

    [Test]
    public async Task Ping_Returns204WithoutAuthentication()
    {
        var response = await Client.GetAsync("/ping");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task Ping_WhenDatabaseIsUnreachable_StillReturns204()
    {
        // A liveness probe must not fail (and get the process restarted) because the database is away.
        const string nowhere = "Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none;Timeout=2";
        await using var factory = new SoundscapeApiFactory(nowhere, nowhere, migrateOnStartup: false);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/ping");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Health_WhenMigrationsArePending_Returns503AndNamesThem()
    {
        var empty = await CreateEmptyDatabaseAsync("soundscape_test_api_unmigrated");
        await using var factory = new SoundscapeApiFactory(empty, empty, migrateOnStartup: false);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var database = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("database");
        database.GetProperty("reachable").GetBoolean().ShouldBeTrue();
        database.GetProperty("migrated").GetBoolean().ShouldBeFalse();
        database.GetProperty("pendingMigrations").EnumerateArray().Select(m => m.GetString()).ShouldContain(m => m!.EndsWith("_InitialSchema"));
    }

    private static async Task<string> CreateEmptyDatabaseAsync(string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(Testing.Database.OwnerConnectionString);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template1", connection);
            await create.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        return builder.ConnectionString;
    }
}
