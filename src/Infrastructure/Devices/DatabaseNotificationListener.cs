using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Devices;

/// <summary>Hears rooms' new versions from the notification listener (the room event streams' fan-out).</summary>
public interface IRoomVersionObserver
{
    /// <summary>Called on the listener's thread: must return at once.</summary>
    void Observe(Guid playerId, long roomVersion);

    /// <summary>The listener (re)connected; anything may have changed meanwhile.</summary>
    void Resynchronize();
}

/// <summary>
/// One LISTEN connection per instance: queue versions and device-key changes announced by any instance (pg_notify is
/// delivered on commit) keep this instance's caches right. Reconnects with a back-off when the connection drops.
/// </summary>
public sealed class DatabaseNotificationListener(
    ServiceDatabase database, QueueVersionCache versions, DeviceKeyCache deviceKeys, DeviceKeyRevocations revocations,
    IEnumerable<IRoomVersionObserver> rooms,
    ILogger<DatabaseNotificationListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Handle(e.Channel, e.Payload);
                // The name comes after the LISTENs: a revocation waits only for listeners that are sure to hear it.
                await using (var listen = new NpgsqlCommand(
                    $"LISTEN {QueueNotifications.Channel}; LISTEN {DeviceKeyCache.Channel}; LISTEN {QueueNotifications.RoomChannel}; " +
                    $"SET application_name = '{revocations.ListenerName}'", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                versions.StartTrusting();
                deviceKeys.StartTrusting();
                // Changes made while the connection was down were not heard: rooms being watched read their state again.
                foreach (var room in rooms)
                    room.Resynchronize();
                backoff = TimeSpan.FromMilliseconds(250);
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Lost the notification connection; device polls read the database until it is back");
            }
            finally
            {
                versions.StopTrusting();
                deviceKeys.StopTrusting();
            }
            await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    private void Handle(string channel, string payload)
    {
        if (channel == QueueNotifications.Channel && QueueNotifications.TryParse(payload, out var playerId, out var version))
            versions.Observe(playerId, version);
        else if (channel == QueueNotifications.RoomChannel && QueueNotifications.TryParse(payload, out var roomId, out var roomVersion))
        {
            foreach (var room in rooms)
                room.Observe(roomId, roomVersion);
        }
        else if (channel == DeviceKeyCache.Channel)
            revocations.OnKeyChanged(payload);
    }
}
