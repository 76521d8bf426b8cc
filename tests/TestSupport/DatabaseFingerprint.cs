using Npgsql;

namespace Soundscape.TestSupport;

/// <summary>
/// A digest of every row of every application table, read as the owner (row-level security does not hide
/// anything from it). Two equal fingerprints mean a request changed nothing at all.
/// </summary>
public sealed record DatabaseFingerprint(IReadOnlyDictionary<string, string> Tables)
{
    public static async Task<DatabaseFingerprint> TakeAsync(string ownerConnectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in await ApplicationTables.ListAsync(connection, cancellationToken))
        {
            // Row text ordered by itself: independent of physical order, sensitive to any changed value.
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t", connection);
            digests[table] = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        return new DatabaseFingerprint(digests);
    }

    /// <summary>The tables whose rows differ, for a readable failure message.</summary>
    public IReadOnlyList<string> ChangedSince(DatabaseFingerprint before) =>
        Tables.Where(t => !before.Tables.TryGetValue(t.Key, out var digest) || digest != t.Value).Select(t => t.Key).ToList();
}
