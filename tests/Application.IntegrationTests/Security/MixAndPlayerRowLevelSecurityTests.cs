using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;

using static Soundscape.Application.IntegrationTests.Security.AppRoleSql;

namespace Soundscape.Application.IntegrationTests.Security;

/// <summary>
/// The mixes and players policies hold in PostgreSQL itself: raw SQL as the API's role (NOBYPASSRLS), including
/// statements that "forgot" their WHERE clause.
/// </summary>
public sealed class MixAndPlayerRowLevelSecurityTests : DatabaseTest
{
    private Guid _alice;
    private Guid _bob;
    private Guid _admin;
    private Guid _sound;
    private Guid _alicesPlayer;
    private Guid _bobsPlayer;
    private Guid _alicesPrivateMix;
    private Guid _alicesPublicMix;
    private Guid _bobsPrivateMix;

    [SetUp]
    public async Task ArrangeTwoManagersWithPlayersAndMixesAsync()
    {
        var (aliceUser, alice) = TestData.Listener("alice");
        var (bobUser, bob) = TestData.Listener("bob");
        var (adminUser, admin) = TestData.Listener("admin");
        var sound = TestData.Sound("rain", null);
        var alicesPlayer = Player.Create("Alice's", "alice", "hash-a", alice.Id, TestData.Now);
        var bobsPlayer = Player.Create("Bob's", "bob", "hash-b", bob.Id, TestData.Now);
        // One layer instance per mix: EF Core tracks owned (JSON) entities by reference.
        MixLayer[] Layers() => [new(sound.Id, 1, false, 0)];
        var alicesPrivate = Mix.Create(alice.Id, "alice private", Layers(), false, 60, TestData.Now);
        var alicesPublic = Mix.Create(alice.Id, "alice public", Layers(), true, 60, TestData.Now);
        var bobsPrivate = Mix.Create(bob.Id, "bob private", Layers(), false, 60, TestData.Now);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(aliceUser, alice, bobUser, bob, adminUser, admin, sound);
            await db.SaveChangesAsync();
            db.AddRange(
                RoleAssignment.Grant(alice.Id, Role.Manager, TestData.Now),
                RoleAssignment.Grant(bob.Id, Role.Manager, TestData.Now),
                RoleAssignment.Grant(admin.Id, Role.Admin, TestData.Now),
                alicesPlayer, bobsPlayer, alicesPrivate, alicesPublic, bobsPrivate);
            await db.SaveChangesAsync();
            db.AddRange(
                PlayerLibraryEntry.Allow(alicesPlayer.Id, sound.Id, TestData.Now),
                PlayerLibraryEntry.Allow(bobsPlayer.Id, sound.Id, TestData.Now),
                PlayHistoryEntry.Start(alicesPlayer.Id, PlayableRef.ForSound(sound.Id), TestData.Now, 1),
                PlayHistoryEntry.Start(bobsPlayer.Id, PlayableRef.ForSound(sound.Id), TestData.Now, 1));
            await db.SaveChangesAsync();
        });
        (_alice, _bob, _admin, _sound) = (alice.Id, bob.Id, admin.Id, sound.Id);
        (_alicesPlayer, _bobsPlayer) = (alicesPlayer.Id, bobsPlayer.Id);
        (_alicesPrivateMix, _alicesPublicMix, _bobsPrivateMix) = (alicesPrivate.Id, alicesPublic.Id, bobsPrivate.Id);
    }

    [Test]
    public async Task SelectMixes_AsBob_ShowsOwnAndPublicOnly()
    {
        await using var connection = await OpenAppConnectionAsync(_bob);

        (await ReadGuidsAsync(connection, "SELECT id FROM mixes")).ShouldBe([_alicesPublicMix, _bobsPrivateMix], ignoreOrder: true);
    }

    [Test]
    public async Task SelectMixes_Anonymously_ShowsPublicOnly()
    {
        await using var connection = await OpenAppConnectionAsync(null);

        (await ReadGuidsAsync(connection, "SELECT id FROM mixes")).ShouldBe([_alicesPublicMix]);
    }

    [Test]
    public async Task UpdateAndDeleteMixesWithoutWhere_AsBob_TouchOnlyBobsMix()
    {
        await using (var connection = await OpenAppConnectionAsync(_bob))
        {
            (await ExecuteAsync(connection, "UPDATE mixes SET name = 'hacked'")).ShouldBe(1);
            (await ExecuteAsync(connection, "DELETE FROM mixes")).ShouldBe(1);
        }

        var names = await Testing.WithContextAsync(db => Task.FromResult(db.Mixes.Select(m => m.Name).OrderBy(n => n).ToList()));
        names.ShouldBe(["alice private", "alice public"]);
    }

    [Test]
    public async Task InsertMixForAlice_AsBob_IsRefusedByThePolicy()
    {
        await using var connection = await OpenAppConnectionAsync(_bob);

        var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            $$"""INSERT INTO mixes (id, name, creator_id, layers) VALUES (gen_random_uuid(), 'x', '{{_alice}}', '[{"sound_id":"{{_sound}}","volume":1,"loop":false,"delay_seconds":0}]')"""));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Test]
    public async Task UpdatePlayersWithoutWhere_AsManager_ChangesOnlyTheirOwn()
    {
        await using (var connection = await OpenAppConnectionAsync(_alice))
        {
            (await ExecuteAsync(connection, "UPDATE players SET name = 'hacked'")).ShouldBe(1);
            (await ExecuteAsync(connection, $"DELETE FROM players WHERE id = '{_bobsPlayer}'")).ShouldBe(0);
        }

        var names = await Testing.WithContextAsync(db => Task.FromResult(db.Players.ToDictionary(p => p.Id, p => p.Name)));
        names[_alicesPlayer].ShouldBe("hacked");
        names[_bobsPlayer].ShouldBe("Bob's");
    }

    [Test]
    public async Task UpdatePlayersWithoutWhere_AsAdmin_ChangesAll()
    {
        await using var connection = await OpenAppConnectionAsync(_admin);

        (await ExecuteAsync(connection, "UPDATE players SET status = 'idle'")).ShouldBe(2);
    }

    [Test]
    public async Task SelectPlayers_AsAnyone_ShowsAll_ForCheckIn()
    {
        await using var connection = await OpenAppConnectionAsync(null);

        (await ReadGuidsAsync(connection, "SELECT id FROM players")).Count.ShouldBe(2);
    }

    [Test]
    public async Task InsertPlayer_AsPlainListener_OrForAnotherManager_IsRefused()
    {
        var (userCarol, carol) = TestData.Listener("carol");
        await Testing.WithContextAsync(async db => { db.AddRange(userCarol, carol); await db.SaveChangesAsync(); });

        await using (var connection = await OpenAppConnectionAsync(carol.Id))
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
                $"INSERT INTO players (id, name, checkin_code, device_key_hash, manager_id) VALUES (gen_random_uuid(), 'x', 'carol', 'h', '{carol.Id}')"));
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        await using (var connection = await OpenAppConnectionAsync(_alice))
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
                $"INSERT INTO players (id, name, checkin_code, device_key_hash, manager_id) VALUES (gen_random_uuid(), 'x', 'for-bob', 'h', '{_bob}')"));
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
            (await ExecuteAsync(connection,
                $"INSERT INTO players (id, name, checkin_code, device_key_hash, manager_id) VALUES (gen_random_uuid(), 'x', 'alice-2', 'h', '{_alice}')"))
                .ShouldBe(1);
        }
    }

    [Test]
    public async Task PlayerLibraryAndHistory_AsManager_ShowOnlyTheirPlayers()
    {
        await using var connection = await OpenAppConnectionAsync(_alice);

        (await ReadGuidsAsync(connection, "SELECT player_id FROM player_library")).ShouldBe([_alicesPlayer]);
        (await ReadGuidsAsync(connection, "SELECT player_id FROM play_history")).ShouldBe([_alicesPlayer]);
        (await ExecuteAsync(connection, "DELETE FROM player_library")).ShouldBe(1);

        // History is only read by managers; the service role writes it (AppRolePrivilegeTests).
        var remaining = await Testing.WithContextAsync(db => Task.FromResult(db.PlayerLibrary.Select(e => e.PlayerId).ToList()));
        remaining.ShouldBe([_bobsPlayer]);
    }

    [Test]
    public async Task InsertIntoAnotherManagersPlayerLibrary_IsRefusedByThePolicy()
    {
        var other = TestData.Sound("wind", null);
        await Testing.WithContextAsync(async db => { db.Add(other); await db.SaveChangesAsync(); });
        await using var connection = await OpenAppConnectionAsync(_alice);

        var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection,
            $"INSERT INTO player_library (id, player_id, sound_id) VALUES (gen_random_uuid(), '{_bobsPlayer}', '{other.Id}')"));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Test]
    public async Task PlayerLibraryAndHistory_Anonymously_ShowNothing()
    {
        await using var connection = await OpenAppConnectionAsync(null);

        (await ReadGuidsAsync(connection, "SELECT id FROM player_library")).ShouldBeEmpty();
        (await ReadGuidsAsync(connection, "SELECT id FROM play_history")).ShouldBeEmpty();
    }

    [Test]
    public async Task PlayerLibrary_AsAdmin_ShowsAll()
    {
        await using var connection = await OpenAppConnectionAsync(_admin);

        (await ReadGuidsAsync(connection, "SELECT player_id FROM player_library")).Count.ShouldBe(2);
    }
}
