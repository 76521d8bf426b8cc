using Npgsql;
using Respawn;
using Respawn.Graph;
using Soundscape.Infrastructure.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Soundscape.TestSupport;

/// <summary>
/// A dedicated, migrated database per test project in the project's local cluster (started by
/// scripts/test.sh through scripts/db.sh). Tests run as the application's own roles.
/// </summary>
public sealed class TestDatabase
{
    private TestDatabase(string name)
    {
        Name = name;
        OwnerConnectionString = DatabaseOptions.Local(name, "soundscape_owner") + ";Include Error Detail=true";
        AppConnectionString = DatabaseOptions.Local(name, "soundscape_app") + ";Include Error Detail=true";
        ServiceConnectionString = DatabaseOptions.Local(name, "soundscape_service") + ";Include Error Detail=true";
    }

    public string Name { get; }

    /// <summary>The schema owner: migrations, resets and test set-up that RLS would hide.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>The runtime role the API uses.</summary>
    public string AppConnectionString { get; }

    /// <summary>The background-work role (BYPASSRLS).</summary>
    public string ServiceConnectionString { get; }

    private readonly SemaphoreSlim _respawnerReady = new(1, 1);
    private Respawner? _respawner;

    /// <summary>
    /// Empties every application table (schemas public and auth) and keeps the migrations history, so each test starts
    /// from a migrated, empty database: Respawn's one TRUNCATE … CASCADE, as the owner (row-level security does not
    /// apply to TRUNCATE). The Respawner reads the schema once per database, on the first reset.
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync(cancellationToken);
        var respawner = await RespawnerAsync(connection, cancellationToken);
        await respawner.ResetAsync(connection);
    }

    /// <summary>The SQL a reset runs, as Respawn built it from the schema.</summary>
    public async Task<string> ResetStatementAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync(cancellationToken);
        return (await RespawnerAsync(connection, cancellationToken)).DeleteSql ?? "";
    }

    private async Task<Respawner> RespawnerAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_respawner is { } ready)
            return ready;
        await _respawnerReady.WaitAsync(cancellationToken);
        try
        {
            return _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
            {
                DbAdapter = DbAdapter.Postgres,
                SchemasToInclude = ApplicationTables.Schemas,
                TablesToIgnore = [new Table(ApplicationTables.MigrationsHistory)],
                // As the hand-written TRUNCATE did (RESTART IDENTITY): sequences start again too.
                WithReseed = true,
            });
        }
        finally
        {
            _respawnerReady.Release();
        }
    }

    /// <summary>Arranges or inspects rows as the schema owner, whom row-level security does not restrict.</summary>
    public async Task<T> AsOwnerAsync<T>(Func<SoundscapeDbContext, Task<T>> action)
    {
        await using var dataSource = NpgsqlDataSources.Create(OwnerConnectionString);
        await using var context = DatabaseMigrator.CreateContext(dataSource);
        return await action(context);
    }

    public static async Task<TestDatabase> CreateMigratedAsync(string name)
    {
        // Two checkouts testing against one cluster at once each need databases of their own.
        var database = new TestDatabase(name + Environment.GetEnvironmentVariable("SOUNDSCAPE_TEST_DB_SUFFIX"));
        await database.EnsureCreatedAsync();
        var options = new DatabaseOptions
        {
            ConnectionString = database.AppConnectionString,
            MigrationConnectionString = database.OwnerConnectionString,
            ServiceConnectionString = database.ServiceConnectionString,
        };
        await new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        return database;
    }

    private async Task EnsureCreatedAsync()
    {
        var maintenance = DatabaseOptions.LocalOwner;
        await using var connection = new NpgsqlConnection(maintenance);
        try
        {
            await connection.OpenAsync();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"The local PostgreSQL is not reachable on 127.0.0.1:{DatabaseOptions.LocalPort}. Run the tests through scripts/test.sh, which starts it.", ex);
        }
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", Name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            // template1 carries pgvector and the role grants (scripts/db.sh).
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\" TEMPLATE template1", connection);
            await create.ExecuteNonQueryAsync();
        }
    }
}
