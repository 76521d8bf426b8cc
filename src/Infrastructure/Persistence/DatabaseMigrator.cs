using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Soundscape.Infrastructure.Identity;
using Soundscape.Infrastructure.Identity.Supabase;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>Applies migrations as the schema owner; the runtime role never alters the schema.</summary>
public sealed class DatabaseMigrator(DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    /// <summary>Applies pending migrations in the dialect of <see cref="DatabaseOptions.IdentityMode"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// Standalone mode on a database whose <c>auth.users</c> is Supabase Auth's: migrating would try to replace it.
    /// </exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSources.Create(options.MigrationConnectionString);
        if (options.IdentityMode == IdentityMode.Standalone)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            if (SupabaseDatabase.LooksLikeSupabase(connection))
                throw new InvalidOperationException(
                    "This database's auth.users belongs to Supabase Auth: set Auth:Mode to supabase (or auto) and Auth:External " +
                    "to the project's issuer and JWT secret or keys (docs/deploy.md).");
        }
        await using var context = CreateContext(dataSource, options.IdentityMode);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
            return;
        logger.LogInformation("Applying migrations: {Migrations}", string.Join(", ", pending));
        await context.Database.MigrateAsync(cancellationToken);
        // Types created by a migration (vector, in a fresh database) must be re-read by open pools.
        NpgsqlConnection.ClearAllPools();
    }

    public static SoundscapeDbContext CreateContext(NpgsqlDataSource dataSource, IdentityMode mode = IdentityMode.Standalone)
    {
        var builder = new DbContextOptionsBuilder<SoundscapeDbContext>();
        Configure(builder, dataSource, mode);
        return new SoundscapeDbContext(builder.Options);
    }

    /// <summary>The context's options; in <see cref="IdentityMode.Supabase"/> the account table and the migrations' SQL move out of <c>auth</c>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, NpgsqlDataSource dataSource, IdentityMode mode = IdentityMode.Standalone)
    {
        // UseVector: Pgvector.EntityFrameworkCore's vector type mapping and the <=> translation of CosineDistance.
        builder.UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(SoundscapeDbContext.MigrationsAssembly).UseVector())
            // Every name the model does not set explicitly becomes snake_case, as the SQL schema (and Supabase) expect.
            .UseSnakeCaseNamingConvention()
            .ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository, MigrationsHistoryNames>()
            // Migrations are hand-written SQL without a model snapshot (docs/decisions.md), so EF
            // cannot diff them; a test compares the model with the migrated schema instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (mode == IdentityMode.Supabase)
        {
            builder.ReplaceService<IModelCustomizer, SupabaseModelCustomizer>()
                .ReplaceService<IMigrationsSqlGenerator, SupabaseMigrationsSqlGenerator>();
        }
        return builder;
    }
}
