using System.Collections.Concurrent;
using Npgsql;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure.Devices;

/// <summary>
/// Each player's queue version in memory, so an idle device poll ("still version 12?") is answered without the
/// database. Kept right by the queue notifications every instance LISTENs to; while that connection is down the
/// cache is not trusted and every read goes to the database.
/// </summary>
public sealed class QueueVersionCache(ServiceDatabase database)
{
    private sealed record State(long Version, TaskCompletionSource Changed);

    private readonly ConcurrentDictionary<Guid, State> _states = new();
    private volatile bool _trusted;

    /// <summary>True while the notification listener is connected.</summary>
    public bool Trusted => _trusted;

    public async ValueTask<long> GetAsync(Guid playerId, CancellationToken cancellationToken)
    {
        if (_trusted && _states.TryGetValue(playerId, out var state))
            return state.Version;
        var version = await LoadAsync(playerId, cancellationToken);
        Observe(playerId, version);
        return version;
    }

    /// <summary>A version seen in a notification (or read from the database); older news never overwrites newer.</summary>
    public void Observe(Guid playerId, long version)
    {
        while (true)
        {
            if (!_states.TryGetValue(playerId, out var current))
            {
                if (_states.TryAdd(playerId, new State(version, NewSignal())))
                    return;
                continue;
            }
            if (current.Version >= version)
                return;
            if (_states.TryUpdate(playerId, new State(version, NewSignal()), current))
            {
                current.Changed.TrySetResult();
                return;
            }
        }
    }

    /// <summary>Waits until the version is no longer <paramref name="known"/>, or the time is up; returns the version then.</summary>
    public async Task<long> WaitForChangeAsync(Guid playerId, long known, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var version = await GetAsync(playerId, cancellationToken);
            var left = deadline - DateTimeOffset.UtcNow;
            if (version != known || left <= TimeSpan.Zero || !_states.TryGetValue(playerId, out var state))
                return version;
            if (state.Version != known)
                continue;
            try
            {
                await state.Changed.Task.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                return await GetAsync(playerId, cancellationToken);
            }
        }
    }

    internal void StartTrusting() => _trusted = true;

    /// <summary>The listener lost its connection: notifications may have been missed, so forget everything and wake every waiter.</summary>
    internal void StopTrusting()
    {
        _trusted = false;
        foreach (var state in _states.Values)
            state.Changed.TrySetResult();
        _states.Clear();
    }

    private async Task<long> LoadAsync(Guid playerId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT queue_version FROM players WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = playerId });
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? version : -1;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
