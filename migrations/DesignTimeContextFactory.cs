using Microsoft.EntityFrameworkCore.Design;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations;

/// <summary>
/// How `dotnet ef` makes a context when this assembly is its startup project
/// (`dotnet ef migrations list --project migrations --startup-project migrations`): over the schema owner's
/// connection, the role that applies migrations. It is the environment's
/// <c>ConnectionStrings__SoundscapeMigrations</c> when set, else the local cluster (scripts/db.sh, port from
/// SOUNDSCAPE_DB_PORT). Only the tools use it; the API and the tests configure their contexts themselves.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<SoundscapeDbContext>
{
    public SoundscapeDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__SoundscapeMigrations") is { Length: > 0 } given
            ? given
            : DatabaseOptions.LocalOwner;
        // Not disposed: the context the tools get owns nothing else, and the tools end the process when done.
        var dataSource = NpgsqlDataSources.Create(connectionString);
        return DatabaseMigrator.CreateContext(dataSource);
    }
}
