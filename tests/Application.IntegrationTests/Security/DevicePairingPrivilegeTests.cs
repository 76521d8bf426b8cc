using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Identity;

using static Soundscape.Application.IntegrationTests.Security.AppRoleSql;

namespace Soundscape.Application.IntegrationTests.Security;

/// <summary>
/// public.device_pairings holds the hashes of pairing codes: the API's role may neither read nor write it, whoever
/// calls (an approved row would hand a device key to whoever forged it); the service role does all pairing work.
/// </summary>
public sealed class DevicePairingPrivilegeTests : DatabaseTest
{
    public enum Caller { Nobody, Manager }

    private Guid _pairing;
    private Guid _manager;

    [SetUp]
    public async Task ArrangeAPendingPairingAsync()
    {
        var (user, profile) = TestData.Listener("manager");
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(user, profile);
            await db.SaveChangesAsync();
            db.Add(RoleAssignment.Grant(profile.Id, Role.Manager, TestData.Now));
            await db.SaveChangesAsync();
        });
        _manager = profile.Id;
        _pairing = Guid.NewGuid();
        await using var owner = await OpenOwnerConnectionAsync();
        await ExecuteAsync(owner, $"""
            INSERT INTO device_pairings (id, device_code_hash, user_code_hash, created_at, expires_at, interval_seconds)
            VALUES ('{_pairing}', sha256('device'), sha256('BCDFGHJK'), now(), now() + interval '10 minutes', 5)
            """);
    }

    [Test]
    public async Task Pairings_AsAppRole_AreRefusedWhoeverCalls([Values] Caller caller)
    {
        await using var connection = await OpenAppConnectionAsync(caller == Caller.Manager ? _manager : null);

        foreach (var sql in new[]
                 {
                     "SELECT id::text FROM device_pairings",
                     $"UPDATE device_pairings SET status = 'approved', approved_at = now() WHERE id = '{_pairing}'",
                     $"""
                     INSERT INTO device_pairings (id, device_code_hash, user_code_hash, created_at, expires_at, interval_seconds)
                     VALUES (gen_random_uuid(), sha256('forged'), sha256('FORGEDXX'), now(), now() + interval '1 hour', 1)
                     """,
                     "DELETE FROM device_pairings",
                 })
        {
            var error = await Should.ThrowAsync<PostgresException>(() => ReadStringsAsync(connection, sql), sql);
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
        await using var owner = await OpenOwnerConnectionAsync();
        (await ReadStringsAsync(owner, "SELECT status FROM device_pairings")).ShouldBe(["pending"]);
    }

    [Test]
    public async Task Pairings_AsServiceRole_AreReadAndWritten()
    {
        await using var connection = await OpenServiceConnectionAsync();

        (await ExecuteAsync(connection, $"UPDATE device_pairings SET last_polled_at = now() WHERE id = '{_pairing}'")).ShouldBe(1);
        (await ReadStringsAsync(connection, "SELECT id::text FROM device_pairings")).ShouldBe([_pairing.ToString()]);
        (await ExecuteAsync(connection, "DELETE FROM device_pairings")).ShouldBe(1);
    }
}
