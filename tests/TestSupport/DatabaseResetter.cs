using Npgsql;

namespace Soundscape.TestSupport;

/// <summary>
/// Empties every application table in one TRUNCATE statement, leaving the migrations history
/// alone, so each test starts from a migrated, empty database. (Respawn is not in the registry.)
/// </summary>
public sealed class DatabaseResetter(string ownerConnectionString)
{
    private const string MigrationsHistory = "__EFMigrationsHistory";
    private string? _truncateStatement;

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        _truncateStatement ??= await BuildStatementAsync(connection, cancellationToken);
        if (_truncateStatement.Length == 0)
            return;
        await using var truncate = new NpgsqlCommand(_truncateStatement, connection);
        await truncate.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The tables a reset empties, schema-qualified.</summary>
    public static async Task<IReadOnlyList<string>> ListTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("""
            SELECT format('%I.%I', schemaname, tablename)
            FROM pg_tables
            WHERE schemaname IN ('public', 'auth') AND tablename <> @history
            ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("history", MigrationsHistory);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<string> BuildStatementAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = await ListTablesAsync(connection, cancellationToken);
        return tables.Count == 0 ? "" : $"TRUNCATE TABLE {string.Join(", ", tables)} RESTART IDENTITY CASCADE";
    }
}
