using System.Collections.Concurrent;
using Npgsql;
using Soundscape.Application.Common.Security;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Devices;

/// <summary>
/// Device key (by its hash) → player, remembered for a minute so polling devices are authenticated without the
/// database. Trusted only while this instance's notification listener is connected: a rotated or deleted key is then
/// forgotten on every instance before the rotation answers (<see cref="DeviceKeyRevocations"/>). While the listener is
/// down every key is looked up in the database and nothing is remembered.
/// </summary>
public sealed class DeviceKeyCache(ServiceDatabase database, IDeviceKeys keys, TimeProvider clock)
{
    public const string Channel = "soundscape_device_keys";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Guid PlayerId, DateTimeOffset LoadedAt)> _players = new(StringComparer.Ordinal);

    // Bumped by every forget: a lookup that read the database before a forget must not store what it read after it,
    // or a key rotated while the lookup was in flight would be remembered again.
    private long _generation;
    private volatile bool _trusted;

    public async ValueTask<Guid?> FindPlayerAsync(string deviceKey, CancellationToken cancellationToken)
    {
        var hash = keys.Hash(deviceKey);
        var now = clock.GetUtcNow();
        if (_trusted && _players.TryGetValue(hash, out var known) && now - known.LoadedAt < Lifetime)
            return known.PlayerId;

        var generation = Interlocked.Read(ref _generation);
        await using var command = database.DataSource.CreateCommand("SELECT id FROM players WHERE device_key_hash = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = hash });
        if (await command.ExecuteScalarAsync(cancellationToken) is not Guid playerId)
            return null; // wrong keys are not remembered: they must not fill the memory
        if (!_trusted)
            return playerId;
        if (_players.Count >= MaxEntries)
            _players.Clear();
        _players[hash] = (playerId, now);
        // Checked after the store, so a forget that raced it either ran before (and this removes the entry) or after.
        if (Interlocked.Read(ref _generation) != generation)
            _players.TryRemove(new KeyValuePair<string, (Guid, DateTimeOffset)>(hash, (playerId, now)));
        return playerId;
    }

    public void Forget(Guid playerId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var entry in _players.Where(e => e.Value.PlayerId == playerId).ToList())
            _players.TryRemove(entry);
    }

    /// <summary>The listener is connected (LISTEN done): from now on every change reaches this cache.</summary>
    internal void StartTrusting()
    {
        ForgetAll();
        _trusted = true;
    }

    internal void StopTrusting()
    {
        _trusted = false;
        ForgetAll();
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _players.Clear();
    }
}
