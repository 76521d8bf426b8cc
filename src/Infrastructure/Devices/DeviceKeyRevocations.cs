using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Soundscape.Application.Common.Security;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Devices;

/// <summary>Configuration "Devices": how long a key rotation waits for the other instances to confirm.</summary>
public sealed class DeviceKeyRevocationOptions
{
    public const string Section = "Devices";

    public TimeSpan KeyRevocationTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Revokes a device key on every instance before the rotation answers. Each instance's notification listener names
/// itself in <c>application_name</c> once it LISTENs. A revocation, on a connection of its own that LISTENs for
/// confirmations, reads who is listening and sends the notification, then waits until each of them has forgotten the
/// key and confirmed on <see cref="AckChannel"/>. A listener that connects later starts with an empty cache, so it
/// cannot hold the old key either. Works from a host command too, where no listener of this process runs.
/// </summary>
public sealed class DeviceKeyRevocations(
    ServiceDatabase database, DeviceKeyCache cache, IOptions<DeviceKeyRevocationOptions> options, ILogger<DeviceKeyRevocations> logger)
    : IDeviceKeyRevocation
{
    public const string AckChannel = "soundscape_device_key_acks";
    private const string ListenerPrefix = "soundscape-listener ";

    /// <summary>This process, as its listener names itself to the database.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    internal string ListenerName => ListenerPrefix + InstanceId.ToString("N");

    public async Task RevokeAsync(Guid playerId, CancellationToken cancellationToken)
    {
        cache.Forget(playerId);
        var revocation = Guid.NewGuid().ToString("N");
        var confirmed = new HashSet<string>(StringComparer.Ordinal);

        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, e) =>
        {
            if (e.Channel == AckChannel && e.Payload.Split(' ') is [var id, var instance] && id == revocation)
                confirmed.Add(instance);
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {AckChannel}", connection))
            await listen.ExecuteNonQueryAsync(cancellationToken);

        // Who listens now, and the notification, in one transaction: every instance listed LISTENed before the
        // notification is committed, so each of them will hear it.
        var expected = new HashSet<string>(StringComparer.Ordinal);
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $1)")
            { Parameters = { new NpgsqlParameter { Value = ListenerPrefix } } });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
            { Parameters = { new NpgsqlParameter { Value = DeviceKeyCache.Channel }, new NpgsqlParameter { Value = $"{playerId:D} {revocation}" } } });
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                expected.Add(reader.GetString(0)[ListenerPrefix.Length..]);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.KeyRevocationTimeout);
        try
        {
            while (!expected.IsSubsetOf(confirmed))
                await connection.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Device key of player {PlayerId}: instances {Instances} did not confirm its revocation within {Timeout}",
                playerId, string.Join(", ", expected.Except(confirmed)), options.Value.KeyRevocationTimeout);
        }
        finally
        {
            await UnlistenAsync(connection);
        }
    }

    // The connection goes back to the pool; it must not keep collecting confirmations there.
    private async Task UnlistenAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var unlisten = new NpgsqlCommand($"UNLISTEN {AckChannel}", connection);
            await unlisten.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogDebug(ex, "UNLISTEN after a device key revocation failed; the connection is dropped");
        }
    }

    /// <summary>A device-key notification reached this instance's listener: forget the key, then confirm it.</summary>
    internal void OnKeyChanged(string payload)
    {
        var parts = payload.Split(' ');
        if (!Guid.TryParse(parts[0], out var playerId))
            return;
        cache.Forget(playerId);
        if (parts.Length == 2)
            _ = ConfirmAsync(parts[1]);
    }

    // Not on the listener's own connection: a notification handler must not issue commands on it.
    private async Task ConfirmAsync(string revocation)
    {
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = AckChannel });
            command.Parameters.Add(new NpgsqlParameter { Value = string.Create(CultureInfo.InvariantCulture, $"{revocation} {InstanceId:N}") });
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            logger.LogWarning(ex, "Could not confirm device key revocation {Revocation}", revocation);
        }
    }
}
