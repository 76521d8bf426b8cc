using Npgsql;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Application.IntegrationTests.Security;

/// <summary>
/// Raw SQL as the API's database role (NOBYPASSRLS), with the caller set the way the API's interceptor sets it; and as
/// the service role and the schema owner, to compare.
/// </summary>
internal static class AppRoleSql
{
    public static Task<NpgsqlConnection> OpenServiceConnectionAsync() => OpenAsync(Testing.Database.ServiceConnectionString);

    public static Task<NpgsqlConnection> OpenOwnerConnectionAsync() => OpenAsync(Testing.Database.OwnerConnectionString);

    public static async Task<NpgsqlConnection> OpenAppConnectionAsync(Guid? caller)
    {
        var connection = new NpgsqlConnection(Testing.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var set = new NpgsqlCommand($"SELECT set_config('{RowLevelSecurityInterceptor.ClaimSetting}', @sub, false)", connection);
        set.Parameters.AddWithValue("sub", caller?.ToString() ?? "");
        await set.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<Guid>> ReadGuidsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>The first column of every row, as text (null as "NULL").</summary>
    public static async Task<List<string>> ReadStringsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.IsDBNull(0) ? "NULL" : reader.GetValue(0).ToString()!);
        return values;
    }
}
