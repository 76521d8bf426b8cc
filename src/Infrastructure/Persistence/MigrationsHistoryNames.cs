#pragma warning disable EF1001 // NpgsqlHistoryRepository is the provider's own history table; only its column names change here.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// Keeps the columns of <c>__EFMigrationsHistory</c> as EF Core created them ("MigrationId", "ProductVersion"):
/// the snake_case naming convention would otherwise rename them in its model of that table, and every existing
/// database (and Supabase's) would then look unmigrated.
/// </summary>
internal sealed class MigrationsHistoryNames(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
    {
        base.ConfigureTable(history);
        history.Property(h => h.MigrationId).HasColumnName(nameof(HistoryRow.MigrationId));
        history.Property(h => h.ProductVersion).HasColumnName(nameof(HistoryRow.ProductVersion));
    }
}
