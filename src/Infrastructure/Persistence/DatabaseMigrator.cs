using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>Applies migrations as the schema owner; the runtime role never alters the schema.</summary>
public sealed class DatabaseMigrator(DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSources.Create(options.MigrationConnectionString);
        await using var context = CreateContext(dataSource);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
            return;
        logger.LogInformation("Applying migrations: {Migrations}", string.Join(", ", pending));
        await context.Database.MigrateAsync(cancellationToken);
        // Types created by a migration (vector, in a fresh database) must be re-read by open pools.
        NpgsqlConnection.ClearAllPools();
    }

    public static SoundscapeDbContext CreateContext(NpgsqlDataSource dataSource)
    {
        var builder = new DbContextOptionsBuilder<SoundscapeDbContext>();
        Configure(builder, dataSource);
        return new SoundscapeDbContext(builder.Options);
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, NpgsqlDataSource dataSource)
    {
        // UseVector: Pgvector.EntityFrameworkCore's vector type mapping and the <=> translation of CosineDistance.
        builder.UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(SoundscapeDbContext.MigrationsAssembly).UseVector())
            // Every name the model does not set explicitly becomes snake_case, as the SQL schema (and Supabase) expect.
            .UseSnakeCaseNamingConvention()
            .ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository, MigrationsHistoryNames>()
            // Migrations are hand-written SQL without a model snapshot (docs/decisions.md), so EF
            // cannot diff them; a test compares the model with the migrated schema instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }
}
