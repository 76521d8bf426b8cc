using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Soundscape.Application.Common.Security;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// Tells PostgreSQL who the caller is each time the context takes a connection from the pool, as the setting
/// auth.uid() reads (Supabase's "request.jwt.claim.sub"). Every use of a connection sets it afresh (empty for an
/// anonymous caller), so an id can never leak from one request to the next through the pool.
/// </summary>
internal sealed class RowLevelSecurityInterceptor(ICurrentUser currentUser) : DbConnectionInterceptor
{
    internal const string ClaimSetting = "request.jwt.claim.sub";
    private const string Sql = $"SELECT set_config('{ClaimSetting}', @sub, false)";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand CreateCommand(DbConnection connection)
    {
        var command = new NpgsqlCommand(Sql, (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("sub", currentUser.Id?.ToString() ?? "");
        return command;
    }
}
