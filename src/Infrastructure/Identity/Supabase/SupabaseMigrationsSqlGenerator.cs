using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations;

namespace Soundscape.Infrastructure.Identity.Supabase;

/// <summary>Runs each hand-written migration's SQL in the Supabase dialect (<see cref="SupabaseMigrationSql"/>).</summary>
#pragma warning disable EF1001 // Npgsql's generator takes its singleton options from an "internal" namespace; this only passes them on.
internal sealed class SupabaseMigrationsSqlGenerator(MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions)
    : NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
#pragma warning restore EF1001
{
    protected override void Generate(SqlOperation operation, IModel? model, MigrationCommandListBuilder builder) =>
        base.Generate(
            new SqlOperation { Sql = SupabaseMigrationSql.Rewrite(operation.Sql), SuppressTransaction = operation.SuppressTransaction },
            model,
            builder);
}
