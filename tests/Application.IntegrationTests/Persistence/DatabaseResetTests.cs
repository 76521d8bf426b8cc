using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.IntegrationTests.Persistence;

public sealed class DatabaseResetTests : DatabaseTest
{
    [Test]
    public async Task Reset_EmptiesApplicationTables_AndKeepsTheMigrationsHistory()
    {
        var (user, profile) = TestData.Listener("reset");
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(user, profile, TestData.Sound("rain", TasteVector.Create(1, 0, 0, 0, 0)));
            await db.SaveChangesAsync();
        });
        var historyBefore = await CountAsync("\"__EFMigrationsHistory\"");

        await Testing.Database.ResetAsync();

        (await CountAsync("auth.users")).ShouldBe(0L);
        (await CountAsync("profiles")).ShouldBe(0L);
        (await CountAsync("sounds")).ShouldBe(0L);
        historyBefore.ShouldBeGreaterThan(0L);
        (await CountAsync("\"__EFMigrationsHistory\"")).ShouldBe(historyBefore);
        (await Testing.WithContextAsync(db => db.Database.GetPendingMigrationsAsync())).ShouldBeEmpty();
    }

    [Test]
    public async Task Reset_EmptiesExactlyTheApplicationTables()
    {
        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        var tables = await Soundscape.TestSupport.ApplicationTables.ListAsync(connection);

        var statement = await Testing.Database.ResetStatementAsync();

        tables.Count.ShouldBeGreaterThan(10);
        // Respawn quotes every name: "auth"."users".
        var named = tables.Select(t => string.Join('.', t.Split('.').Select(part => $"\"{part.Trim('"')}\""))).ToList();
        named.Where(t => !statement.Contains(t, StringComparison.Ordinal)).ShouldBeEmpty(statement);
        statement.ShouldNotContain(Soundscape.TestSupport.ApplicationTables.MigrationsHistory);
        statement.ShouldStartWith("truncate table", Case.Insensitive);
    }

    private static async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
