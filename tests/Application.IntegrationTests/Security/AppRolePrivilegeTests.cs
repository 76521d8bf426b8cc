using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Players;

using static Soundscape.Application.IntegrationTests.Security.AppRoleSql;

namespace Soundscape.Application.IntegrationTests.Security;

/// <summary>
/// The database as the second line of defence (docs/security.md): what the API's role (soundscape_app) may not read or
/// write, whoever the caller is, and that the service role (soundscape_service) still does the work that needs it.
/// Raw SQL, so nothing in the application can paper over a missing rule.
/// </summary>
public sealed class AppRolePrivilegeTests : DatabaseTest
{
    /// <summary>Who the app role's connection says is calling: nobody, the manager of the player concerned, another manager, an admin.</summary>
    public enum Caller { Nobody, Owner, Other, Admin }

    // Writes the API's role must never make, whoever calls. {player}, {sound}, {item} and {event} are the arranged rows.
    private static readonly string[] ForbiddenWrites =
    [
        "INSERT INTO player_queue (id, player_id, sound_id, position) VALUES (gen_random_uuid(), '{player}', '{sound}', 7)",
        "UPDATE player_queue SET position = 9 WHERE id = '{item}'",
        "DELETE FROM player_queue",
        "TRUNCATE player_queue CASCADE",
        "INSERT INTO play_history (id, player_id, sound_id, started_at) VALUES (gen_random_uuid(), '{player}', '{sound}', now())",
        "UPDATE play_history SET listeners = 99",
        "DELETE FROM play_history",
        "INSERT INTO device_events (event_id, player_id, queue_item_id, kind, at) VALUES (gen_random_uuid(), '{player}', '{item}', 'started', now())",
        "UPDATE device_events SET kind = 'ended' WHERE event_id = '{event}'",
        "DELETE FROM device_events",
        "INSERT INTO \"__EFMigrationsHistory\" VALUES ('29991231000000_Forged', '10.0.0')",
        "UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = 'forged'",
        "DELETE FROM \"__EFMigrationsHistory\"",
        "UPDATE auth.users SET password_hash = 'forged'",
        "DELETE FROM auth.users",
    ];

    private static readonly string[] WatchedTables = ["player_queue", "play_history", "device_events", "\"__EFMigrationsHistory\"", "auth.users"];

    private UserAccount _aliceAccount = null!;
    private Guid _alice;
    private Guid _bob;
    private Guid _admin;
    private Guid _sound;
    private Guid _player;
    private Guid _item;
    private Guid _event;
    private string _deviceKeyHash = null!;

    [SetUp]
    public async Task ArrangeAPlayerWithAQueueHistoryAndDeviceEventAsync()
    {
        var (aliceUser, alice) = TestData.Listener("alice");
        var (bobUser, bob) = TestData.Listener("bob");
        var (adminUser, admin) = TestData.Listener("admin");
        aliceUser.ChangePasswordHash("alice-password-hash");
        var sound = TestData.Sound("rain", null);
        var player = Player.Create("Alice's", "alice", "alice-device-key-hash", alice.Id, TestData.Now);
        var item = QueueItem.Enqueue(player.Id, PlayableRef.ForSound(sound.Id), 0, null, TestData.Now);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(aliceUser, alice, bobUser, bob, adminUser, admin, sound);
            await db.SaveChangesAsync();
            db.AddRange(
                RoleAssignment.Grant(alice.Id, Role.Manager, TestData.Now),
                RoleAssignment.Grant(bob.Id, Role.Manager, TestData.Now),
                RoleAssignment.Grant(admin.Id, Role.Admin, TestData.Now),
                player);
            await db.SaveChangesAsync();
            db.AddRange(item, PlayHistoryEntry.Start(player.Id, PlayableRef.ForSound(sound.Id), TestData.Now, 1));
            await db.SaveChangesAsync();
        });
        _event = Guid.NewGuid();
        await using (var owner = await OpenOwnerConnectionAsync())
            await ExecuteAsync(owner, $"INSERT INTO device_events (event_id, player_id, queue_item_id, kind, at) VALUES ('{_event}', '{player.Id}', '{item.Id}', 'started', now())");
        (_aliceAccount, _alice, _bob, _admin) = (aliceUser, alice.Id, bob.Id, admin.Id);
        (_sound, _player, _item, _deviceKeyHash) = (sound.Id, player.Id, item.Id, "alice-device-key-hash");
    }

    // ---- auth.users.password_hash

    [Test]
    public async Task PasswordHash_AsAppRole_IsRefusedWhoeverCalls([Values] Caller caller)
    {
        await using var connection = await OpenAppConnectionAsync(CallerId(caller));

        foreach (var sql in new[]
                 {
                     $"SELECT password_hash FROM auth.users WHERE id = '{_alice}'",
                     "SELECT * FROM auth.users",
                     "SELECT count(*) FROM auth.users WHERE password_hash LIKE 'a%'",
                 })
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ReadStringsAsync(connection, sql), sql);
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }

    [Test]
    public async Task UsersOtherColumns_AsAppRole_AreReadable_ForSignUpProfilesAndRoles([Values] Caller caller)
    {
        await using var connection = await OpenAppConnectionAsync(CallerId(caller));

        (await ReadStringsAsync(connection, $"SELECT email FROM auth.users WHERE id = '{_alice}'")).ShouldBe(["alice@example.test"]);
        (await ReadStringsAsync(connection, "SELECT count(*)::text FROM auth.users WHERE lower(email) = 'bob@example.test'")).ShouldBe(["1"]);
    }

    [Test]
    public async Task PasswordHash_AsServiceRole_IsReadable_ForTheSignInCheck()
    {
        await using var connection = await OpenServiceConnectionAsync();

        (await ReadStringsAsync(connection, $"SELECT password_hash FROM auth.users WHERE id = '{_alice}'")).ShouldBe([_aliceAccount.PasswordHash!]);
    }

    // ---- players.device_key_hash

    [Test]
    public async Task DeviceKeyHash_AsAppRole_IsRefusedWhoeverCalls([Values] Caller caller)
    {
        await using var connection = await OpenAppConnectionAsync(CallerId(caller));

        foreach (var sql in new[]
                 {
                     $"SELECT device_key_hash FROM players WHERE id = '{_player}'",
                     "SELECT * FROM players",
                     $"SELECT id::text FROM players WHERE device_key_hash = '{_deviceKeyHash}'",
                     $"UPDATE players SET name = name WHERE id = '{_player}' RETURNING device_key_hash",
                 })
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ReadStringsAsync(connection, sql), sql);
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }

    [Test]
    public async Task DeviceKeyHash_AsServiceRole_IsReadable_ForTheDeviceKeyCheck()
    {
        await using var connection = await OpenServiceConnectionAsync();

        (await ReadStringsAsync(connection, $"SELECT id::text FROM players WHERE device_key_hash = '{_deviceKeyHash}'")).ShouldBe([_player.ToString()]);
    }

    [TestCase(Caller.Owner, 1)]
    [TestCase(Caller.Admin, 1)]
    [TestCase(Caller.Other, 0)]
    [TestCase(Caller.Nobody, 0)]
    public async Task NewDeviceKeyHash_AsAppRole_IsWrittenOnlyForTheManagerOrAnAdmin(Caller caller, int rows)
    {
        await using (var connection = await OpenAppConnectionAsync(CallerId(caller)))
            (await ExecuteAsync(connection, $"UPDATE players SET device_key_hash = 'rotated' WHERE id = '{_player}'")).ShouldBe(rows);

        await using var service = await OpenServiceConnectionAsync();
        (await ReadStringsAsync(service, $"SELECT device_key_hash FROM players WHERE id = '{_player}'"))
            .ShouldBe([rows == 1 ? "rotated" : _deviceKeyHash]);
    }

    /// <summary>Column privileges name columns: one added later without its own grant would be unreadable to the API.</summary>
    [TestCase("auth.users", "password_hash")]
    [TestCase("public.players", "device_key_hash")]
    public async Task EveryOtherColumn_AsAppRole_IsReadable(string table, string hidden)
    {
        await using var owner = await OpenOwnerConnectionAsync();

        var unreadable = await ReadStringsAsync(owner, $"""
            SELECT attname FROM pg_attribute
            WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped
              AND NOT has_column_privilege('soundscape_app', attrelid, attnum, 'SELECT')
            ORDER BY attname
            """);

        unreadable.ShouldBe([hidden]);
    }

    // ---- queue, history, device events, migrations history

    private static IEnumerable<TestCaseData> ForbiddenWritesByCaller() =>
        from sql in ForbiddenWrites
        from caller in Enum.GetValues<Caller>()
        select new TestCaseData(caller, sql).SetArgDisplayNames(caller.ToString(), sql.Split(' ', 3)[0] + " " + sql.Split(' ', 4)[2]);

    [TestCaseSource(nameof(ForbiddenWritesByCaller))]
    public async Task ForbiddenWrite_AsAppRole_IsRefusedAndChangesNothing(Caller caller, string sql)
    {
        var before = await FingerprintAsync();
        await using (var connection = await OpenAppConnectionAsync(CallerId(caller)))
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, Arranged(sql)));
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        (await FingerprintAsync()).ShouldBe(before);
    }

    [TestCase("INSERT INTO player_queue (id, player_id, sound_id, position) VALUES (gen_random_uuid(), '{player}', '{sound}', 7)", 1)]
    [TestCase("UPDATE player_queue SET position = 9 WHERE id = '{item}'", 1)]
    [TestCase("DELETE FROM player_queue", 1)]
    [TestCase("INSERT INTO play_history (id, player_id, sound_id, started_at) VALUES (gen_random_uuid(), '{player}', '{sound}', now())", 1)]
    [TestCase("UPDATE play_history SET listeners = 3", 1)]
    [TestCase("DELETE FROM play_history", 1)]
    [TestCase("INSERT INTO device_events (event_id, player_id, queue_item_id, kind, at) VALUES (gen_random_uuid(), '{player}', '{item}', 'ended', now())", 1)]
    [TestCase("DELETE FROM device_events", 1)]
    public async Task EngineAndDeviceWrite_AsServiceRole_IsMade(string sql, int rows)
    {
        await using var connection = await OpenServiceConnectionAsync();

        (await ExecuteAsync(connection, Arranged(sql))).ShouldBe(rows);
    }

    [TestCase("INSERT INTO \"__EFMigrationsHistory\" VALUES ('29991231000000_Forged', '10.0.0')")]
    [TestCase("DELETE FROM \"__EFMigrationsHistory\"")]
    public async Task MigrationsHistoryWrite_AsServiceRole_IsRefused_OnlyTheOwnerMigrates(string sql)
    {
        var before = await FingerprintAsync();
        await using (var connection = await OpenServiceConnectionAsync())
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(connection, sql));
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        (await FingerprintAsync()).ShouldBe(before);
    }

    [Test]
    public async Task QueueAndHistory_AsTheManager_AreStillReadable_ButDeviceEventsAreNot()
    {
        await using var connection = await OpenAppConnectionAsync(_alice);

        (await ReadStringsAsync(connection, "SELECT id::text FROM player_queue")).ShouldBe([_item.ToString()]);
        (await ReadStringsAsync(connection, "SELECT player_id::text FROM play_history")).ShouldBe([_player.ToString()]);
        (await ReadStringsAsync(connection, "SELECT count(*)::text FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_AppRolePrivileges'")).ShouldBe(["1"]);
        var error = await Should.ThrowAsync<PostgresException>(() => ReadStringsAsync(connection, "SELECT event_id::text FROM device_events"));
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [TestCase(Caller.Other)]
    [TestCase(Caller.Nobody)]
    public async Task History_AsAnotherCallerOrNobody_ShowsNothing(Caller caller)
    {
        await using var connection = await OpenAppConnectionAsync(CallerId(caller));

        (await ReadStringsAsync(connection, "SELECT id::text FROM play_history")).ShouldBeEmpty();
    }

    private Guid? CallerId(Caller caller) => caller switch
    {
        Caller.Nobody => null,
        Caller.Owner => _alice,
        Caller.Other => _bob,
        Caller.Admin => _admin,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    private string Arranged(string sql) => sql
        .Replace("{player}", _player.ToString()).Replace("{sound}", _sound.ToString())
        .Replace("{item}", _item.ToString()).Replace("{event}", _event.ToString());

    /// <summary>Every row of the watched tables, as the owner sees them.</summary>
    private static async Task<List<string>> FingerprintAsync()
    {
        await using var owner = await OpenOwnerConnectionAsync();
        var rows = new List<string>();
        foreach (var table in WatchedTables)
            rows.AddRange(await ReadStringsAsync(owner, $"SELECT '{table.Replace("\"", "")}: ' || t::text FROM {table} t ORDER BY 1"));
        return rows;
    }
}
