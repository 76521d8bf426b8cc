using Microsoft.EntityFrameworkCore;

namespace Soundscape.Infrastructure.Persistence;

public sealed record DatabaseHealthReport(bool Reachable, bool Migrated, IReadOnlyList<string> PendingMigrations, string? Error);

/// <summary>Is the database there, and does it have every migration this build knows?</summary>
public sealed class DatabaseHealth(SoundscapeDbContext context)
{
    public async Task<DatabaseHealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return new DatabaseHealthReport(true, pending.Count == 0, pending, null);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new DatabaseHealthReport(false, false, [], ex.GetBaseException().Message);
        }
    }
}
