using System.Collections.Concurrent;
using Npgsql;
using Soundscape.Application.Common.Security;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Devices;

/// <summary>
/// Device key (by its hash) → player, remembered for a minute so polling devices are authenticated without the
/// database. A rotated or deleted key is forgotten at once on every instance (device-key notifications).
/// </summary>
public sealed class DeviceKeyCache(ServiceDatabase database, IDeviceKeys keys, TimeProvider clock)
{
    public const string Channel = "soundscape_device_keys";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Guid PlayerId, DateTimeOffset LoadedAt)> _players = new(StringComparer.Ordinal);

    public async ValueTask<Guid?> FindPlayerAsync(string deviceKey, CancellationToken cancellationToken)
    {
        var hash = keys.Hash(deviceKey);
        var now = clock.GetUtcNow();
        if (_players.TryGetValue(hash, out var known) && now - known.LoadedAt < Lifetime)
            return known.PlayerId;

        await using var command = database.DataSource.CreateCommand("SELECT id FROM players WHERE device_key_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        if (await command.ExecuteScalarAsync(cancellationToken) is not Guid playerId)
            return null; // wrong keys are not remembered: they must not fill the memory
        if (_players.Count >= MaxEntries)
            _players.Clear();
        _players[hash] = (playerId, now);
        return playerId;
    }

    public void Forget(Guid playerId)
    {
        foreach (var entry in _players.Where(e => e.Value.PlayerId == playerId).ToList())
            _players.TryRemove(entry);
    }

    internal void ForgetAll() => _players.Clear();
}
