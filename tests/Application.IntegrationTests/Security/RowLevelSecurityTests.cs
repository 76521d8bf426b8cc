using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

using static Soundscape.Application.IntegrationTests.Security.AppRoleSql;

namespace Soundscape.Application.IntegrationTests.Security;

/// <summary>
/// The policies hold in PostgreSQL itself: these tests talk to the database as the API's role (NOBYPASSRLS)
/// with raw SQL, including statements that "forgot" their WHERE clause.
/// </summary>
public sealed class RowLevelSecurityTests : DatabaseTest
{
    private Guid _alice;
    private Guid _bob;

    [SetUp]
    public async Task ArrangeTwoListenersWithVotesAndSessionsAsync()
    {
        var (aliceUser, alice) = TestData.Listener("alice");
        var (bobUser, bob) = TestData.Listener("bob");
        var sound = TestData.Sound("rain", null);
        var player = Player.Create("Lobby", "lobby", "hash", null, TestData.Now);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(aliceUser, alice, bobUser, bob, sound, player);
            db.AddRange(
                Vote.Rating(alice.Id, sound.Id, null, 5, TestData.Now),
                Vote.Rating(alice.Id, sound.Id, null, 4, TestData.Now),
                Vote.Rating(bob.Id, sound.Id, null, 1, TestData.Now),
                // Open now, so they are unexpired for the listener count.
                ListeningSession.CheckIn(alice.Id, player.Id, DateTimeOffset.UtcNow),
                ListeningSession.CheckIn(bob.Id, player.Id, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        (_alice, _bob) = (alice.Id, bob.Id);
    }

    [Test]
    public async Task SelectVotes_AsAlice_ReturnsOnlyAlicesRows()
    {
        await using var connection = await OpenAppConnectionAsync(_alice);

        var owners = await ReadGuidsAsync(connection, "SELECT user_id FROM votes");

        owners.Count.ShouldBe(2);
        owners.ShouldAllBe(id => id == _alice);
    }

    [Test]
    public async Task UpdateProfilesWithoutWhere_AsAlice_ChangesOnlyAlicesProfile()
    {
        await using (var connection = await OpenAppConnectionAsync(_alice))
        {
            var changed = await ExecuteAsync(connection, "UPDATE profiles SET display_name = 'hacked'");
            changed.ShouldBe(1);
        }

        var names = await Testing.WithContextAsync(db => Task.FromResult(db.Profiles.ToDictionary(p => p.Id, p => p.DisplayName)));
        names[_alice].ShouldBe("hacked");
        names[_bob].ShouldBe("bob");
    }

    [Test]
    public async Task UpdateBobsProfileById_AsAlice_ChangesNothing()
    {
        await using var connection = await OpenAppConnectionAsync(_alice);

        var changed = await ExecuteAsync(connection, $"UPDATE profiles SET vote_count = 999 WHERE id = '{_bob}'");

        changed.ShouldBe(0);
    }

    [Test]
    public async Task InsertVoteForBob_AsAlice_IsRefusedByThePolicy()
    {
        await using var connection = await OpenAppConnectionAsync(_alice);
        var sound = (await ReadGuidsAsync(connection, "SELECT id FROM sounds")).Single();

        var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            $"INSERT INTO votes (id, user_id, sound_id, kind, value) VALUES (gen_random_uuid(), '{_bob}', '{sound}', 'rating', 5)"));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        error.MessageText.ShouldContain("row-level security");
    }

    [Test]
    public async Task SelectAndDeleteSessions_AsAlice_SeeAndTouchOnlyHerOwn()
    {
        await using var connection = await OpenAppConnectionAsync(_alice);

        (await ReadGuidsAsync(connection, "SELECT user_id FROM sessions")).ShouldBe([_alice]);
        (await ExecuteAsync(connection, "DELETE FROM sessions")).ShouldBe(1);

        var remaining = await Testing.WithContextAsync(db => Task.FromResult(db.Sessions.Select(s => s.UserId).ToList()));
        remaining.ShouldBe([_bob]);
    }

    [Test]
    public async Task SelectVotes_Anonymously_ReturnsNothing()
    {
        await using var connection = await OpenAppConnectionAsync(null);

        (await ReadGuidsAsync(connection, "SELECT user_id FROM votes")).ShouldBeEmpty();
        (await ReadGuidsAsync(connection, "SELECT id FROM profiles")).Count.ShouldBe(2, "profiles are public to read");
    }

    [Test]
    public async Task ListenerCountFunction_AsAnyone_CountsEverySessionWithoutExposingThem()
    {
        await using var connection = await OpenAppConnectionAsync(null);
        var player = (await ReadGuidsAsync(connection, "SELECT id FROM players")).Single();

        await using var count = new NpgsqlCommand($"SELECT public.active_listener_count('{player}')", connection);

        ((int)(await count.ExecuteScalarAsync())!).ShouldBe(2);
    }

    [Test]
    public async Task ServiceRole_BypassesRowLevelSecurity_AndSeesEveryVote()
    {
        await using var connection = new NpgsqlConnection(Testing.Database.ServiceConnectionString);
        await connection.OpenAsync();

        (await ReadGuidsAsync(connection, "SELECT user_id FROM votes")).Count.ShouldBe(3);
    }

    [Test]
    public async Task AuthUid_ReadsSupabasesClaimsSettingToo()
    {
        await using var connection = new NpgsqlConnection(Testing.Database.AppConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $$"""SELECT set_config('request.jwt.claims', '{"sub":"{{_bob}}","role":"authenticated"}', false)""");

        (await ReadGuidsAsync(connection, "SELECT auth.uid()")).ShouldBe([_bob]);
        (await ReadGuidsAsync(connection, "SELECT DISTINCT user_id FROM votes")).ShouldBe([_bob]);
    }
}
