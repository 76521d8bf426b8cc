using Npgsql;
using Soundscape.Application.Listeners.ImportPreferences;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// Reads a V1 <c>preferences</c> table (the seeds' migration strategy, step 1) from any PostgreSQL database: the user
/// id column (<c>user_id</c>, else <c>id</c>; uuid) and the first vector column, typed <c>vector</c> (pgvector) or an
/// array of <c>float8</c>, <c>float4</c> or <c>numeric</c>. Values are read as they are, NaN and ∞ included; judging them is the
/// import's job (<see cref="ImportPreferencesCommand"/>).
/// </summary>
public static class LegacyPreferencesReader
{
    /// <exception cref="ArgumentException">The table does not exist or has no such columns (the message says which).</exception>
    public static async Task<IReadOnlyList<LegacyPreference>> ReadAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        string? relation = null, idColumn = null, vectorColumn = null, vectorType = null;
        await using (var describe = new NpgsqlCommand("""
            SELECT c.oid::regclass::text, a.attname, t.typname, a.attnum
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE c.oid = to_regclass($1)
            ORDER BY a.attnum
            """, connection) { Parameters = { new() { Value = table } } })
        await using (var reader = await describe.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                relation = reader.GetString(0);
                var (name, type) = (reader.GetString(1), reader.GetString(2));
                if (type == "uuid" && (name == "user_id" || (name == "id" && idColumn is null)))
                    idColumn = name;
                else if (vectorColumn is null && type is "vector" or "_float8" or "_float4" or "_numeric")
                    (vectorColumn, vectorType) = (name, type);
            }
        }
        if (relation is null)
            throw new ArgumentException($"There is no table '{table}' in that database.");
        if (idColumn is null || vectorColumn is null)
            throw new ArgumentException($"'{relation}' needs a uuid column user_id (or id) and a vector(5) or float8[] column.");

        // pgvector casts vector to real[]; arrays are read as double precision.
        var cast = vectorType == "vector" ? "::real[]::float8[]" : "::float8[]";
        var rows = new List<LegacyPreference>();
        await using var select = new NpgsqlCommand(
            $"SELECT {Quote(idColumn)}, {Quote(vectorColumn)}{cast} FROM {relation} WHERE {Quote(idColumn)} IS NOT NULL ORDER BY 1", connection);
        await using var data = await select.ExecuteReaderAsync(cancellationToken);
        while (await data.ReadAsync(cancellationToken))
        {
            var values = data.IsDBNull(1) ? [] : data.GetFieldValue<double?[]>(1);
            // A NULL component counts as not finite.
            rows.Add(new LegacyPreference(data.GetGuid(0), values.Select(v => v ?? double.NaN).ToArray()));
        }
        return rows;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
