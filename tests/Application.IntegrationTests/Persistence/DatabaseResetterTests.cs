using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.IntegrationTests.Persistence;

public sealed class DatabaseResetterTests : DatabaseTest
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

        await Testing.Database.Resetter.ResetAsync();

        (await CountAsync("auth.users")).ShouldBe(0L);
        (await CountAsync("profiles")).ShouldBe(0L);
        (await CountAsync("sounds")).ShouldBe(0L);
        historyBefore.ShouldBeGreaterThan(0L);
        (await CountAsync("\"__EFMigrationsHistory\"")).ShouldBe(historyBefore);
        (await Testing.WithContextAsync(db => db.Database.GetPendingMigrationsAsync())).ShouldBeEmpty();
    }

    private static async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
