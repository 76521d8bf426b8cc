using Npgsql;

namespace Soundscape.TestSupport;

/// <summary>The application's tables: every table of the schemas <c>public</c> and <c>auth</c> but the migrations history.</summary>
public static class ApplicationTables
{
    public const string MigrationsHistory = "__EFMigrationsHistory";

    public static readonly string[] Schemas = ["public", "auth"];

    /// <summary>Schema-qualified and quoted where needed (<c>auth.users</c>), ordered by name.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("""
            SELECT format('%I.%I', schemaname, tablename)
            FROM pg_tables
            WHERE schemaname = ANY(@schemas) AND tablename <> @history
            ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("schemas", Schemas);
        command.Parameters.AddWithValue("history", MigrationsHistory);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            tables.Add(reader.GetString(0));
        return tables;
    }
}
