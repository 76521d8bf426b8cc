using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Devices;

/// <summary>Pairing by code (configuration "DevicePairing").</summary>
public sealed class DevicePairingOptions
{
    public const string Section = "DevicePairing";

    /// <summary>How long a device code and its user code stay valid. Default 10 minutes (RFC 8628 leaves it to the server).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The least time between two polls of one device, in seconds; default 5 (RFC 8628 §3.5).</summary>
    public int IntervalSeconds { get; set; } = 5;
}

/// <summary>
/// public.device_pairings through the service role: the app role has no privilege on the table (migration
/// 20261204160000_DevicePairings), and the device's requests are anonymous anyway. Only SHA-256 hashes of the codes
/// are stored. The device code has 256 bits, so a fast hash suffices; the user code (34.6 bits) is only useful for
/// the few minutes it lives, and finding it needs a manager's account.
/// </summary>
internal sealed class DevicePairingStore(ServiceDatabase database, DevicePairingOptions options, IDeviceKeys deviceKeys, TimeProvider clock)
    : IDevicePairings
{
    // RFC 8628 §3.5: a device told to slow down adds 5 s to its interval for good.
    private const int SlowDownStepSeconds = 5;

    public async Task<StartedPairing> StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        // Spent and long-expired pairings are of no use to anyone; each start sweeps them, so the table stays small.
        await ExecuteAsync(connection, null, "DELETE FROM public.device_pairings WHERE expires_at < $1", cancellationToken, now - TimeSpan.FromDays(1));
        for (var attempt = 0; ; attempt++)
        {
            var deviceCode = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            var userCode = RandomNumberGenerator.GetString(PairingUserCode.Alphabet, PairingUserCode.Length);
            var expiresAt = now + options.Lifetime;
            var inserted = await ExecuteAsync(connection, null, """
                INSERT INTO public.device_pairings (id, device_code_hash, user_code_hash, created_at, expires_at, interval_seconds)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
                """, cancellationToken, Guid.CreateVersion7(), Hash(deviceCode), Hash(userCode), now, expiresAt, options.IntervalSeconds);
            // A user code already taken (1 in 2.6e10 per live pairing) just draws again.
            if (inserted == 1)
                return new StartedPairing(deviceCode, userCode, expiresAt, options.IntervalSeconds);
            if (attempt == 5)
                throw new InvalidOperationException("Could not draw a free pairing code.");
        }
    }

    public async Task<(Guid PlayerId, string DeviceKey)> PollAsync(string deviceCode, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid id;
        string status;
        Guid? playerId;
        DateTimeOffset expiresAt;
        DateTimeOffset? lastPolledAt;
        int interval;
        // The row lock makes two polls of one code take turns: only the first can receive the key.
        await using (var find = new NpgsqlCommand("""
            SELECT id, status, player_id, expires_at, last_polled_at, interval_seconds
            FROM public.device_pairings WHERE device_code_hash = $1 FOR UPDATE
            """, connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = Hash(deviceCode) });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                throw new DevicePairingException(DevicePairingException.InvalidGrant, "This device code is not known: start a new pairing.");
            id = reader.GetGuid(0);
            status = reader.GetString(1);
            playerId = reader.IsDBNull(2) ? null : reader.GetGuid(2);
            expiresAt = reader.GetFieldValue<DateTimeOffset>(3);
            lastPolledAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
            interval = reader.GetInt32(5);
        }

        if (status == "issued")
            throw new DevicePairingException(DevicePairingException.InvalidGrant, "This device code was already used to receive a device key: start a new pairing.");
        if (now >= expiresAt)
            throw new DevicePairingException(DevicePairingException.ExpiredToken, "The pairing expired before it was approved: start a new pairing.");
        if (lastPolledAt is { } last && now - last < TimeSpan.FromSeconds(interval))
        {
            interval += SlowDownStepSeconds;
            await ExecuteAsync(connection, transaction, "UPDATE public.device_pairings SET last_polled_at = $2, interval_seconds = $3 WHERE id = $1",
                cancellationToken, id, now, interval);
            await transaction.CommitAsync(cancellationToken);
            throw new DevicePairingException(DevicePairingException.SlowDown, $"Polled too soon: wait at least {interval} s between polls.", interval);
        }
        await ExecuteAsync(connection, transaction, "UPDATE public.device_pairings SET last_polled_at = $2 WHERE id = $1", cancellationToken, id, now);
        if (status == "pending")
        {
            await transaction.CommitAsync(cancellationToken);
            throw new DevicePairingException(DevicePairingException.AuthorizationPending, "Waiting for a manager to enter the code.");
        }
        if (playerId is not { } player)
        {
            // Approved, then the player was deleted (the foreign key cleared it): nothing to pair with any more.
            await transaction.CommitAsync(cancellationToken);
            throw new DevicePairingException(DevicePairingException.AccessDenied, "The player this pairing was approved for no longer exists.");
        }

        var (key, hash) = deviceKeys.Generate();
        var updated = await ExecuteAsync(connection, transaction, "UPDATE public.players SET device_key_hash = $2 WHERE id = $1", cancellationToken, player, hash);
        if (updated != 1)
            throw new DevicePairingException(DevicePairingException.AccessDenied, "The player this pairing was approved for no longer exists.");
        await ExecuteAsync(connection, transaction, "UPDATE public.device_pairings SET status = 'issued', issued_at = $2 WHERE id = $1", cancellationToken, id, now);
        await transaction.CommitAsync(cancellationToken);
        return (player, key);
    }

    public async Task<DateTimeOffset> ApproveAsync(string userCode, Guid playerId, Guid approvedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid id;
        string status;
        DateTimeOffset expiresAt;
        await using (var find = new NpgsqlCommand(
            "SELECT id, status, expires_at FROM public.device_pairings WHERE user_code_hash = $1 FOR UPDATE", connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = Hash(userCode) });
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
                throw RequestValidationException.For("userCode", "No device is waiting with this code: check the code the device shows.");
            (id, status, expiresAt) = (reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        }
        if (status != "pending")
            throw RequestValidationException.For("userCode", "This code was already used: restart the device to get a new one.");
        if (now >= expiresAt)
            throw RequestValidationException.For("userCode", "This code has expired: restart the device to get a new one.");

        await ExecuteAsync(connection, transaction, """
            UPDATE public.device_pairings SET status = 'approved', player_id = $2, approved_by = $3, approved_at = $4 WHERE id = $1
            """, cancellationToken, id, playerId, approvedBy, now);
        // The old key stops now, not when the device collects the new one: the new hash is of a key nobody holds.
        var (_, placeholder) = deviceKeys.Generate();
        await ExecuteAsync(connection, transaction, "UPDATE public.players SET device_key_hash = $2 WHERE id = $1", cancellationToken, playerId, placeholder);
        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    /// <summary>SHA-256 of the code's UTF-8 text, as stored.</summary>
    internal static byte[] Hash(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code));

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
