using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Soundscape.Application.Players.GetNowPlaying;
using Soundscape.Infrastructure.Devices;

namespace Soundscape.Api.Rooms;

/// <summary>A room's state as one ready-made Server-Sent Event ("id: version", "event: room", "data: the /now JSON").</summary>
public sealed record RoomSnapshot(long Version, ReadOnlyMemory<byte> Event);

/// <summary>
/// The fan-out behind GET /api/players/{id}/events: one shared state per watched room on this instance, however many
/// streams watch it. The database announces each new room version (NOTIFY, heard by DatabaseNotificationListener on
/// every instance); the room's state is then read once and formatted once, and every stream is woken to write the
/// same bytes. A stream holds nothing but a reference to its room, so memory per stream stays small.
/// </summary>
public sealed class RoomFeed(IServiceScopeFactory scopes, IOptions<JsonOptions> json, ILogger<RoomFeed> logger) : IRoomVersionObserver
{
    private readonly ConcurrentDictionary<Guid, Room> _rooms = new();
    private readonly Lock _membership = new();

    private void CouldNotRead(Exception ex, Guid playerId) =>
        logger.LogWarning(ex, "Could not read the state of room {PlayerId}; its streams get the next change", playerId);

    /// <summary>Rooms with at least one open stream on this instance.</summary>
    public int WatchedRooms => _rooms.Count;

    /// <summary>Starts watching <paramref name="playerId"/>; the room's current state is loaded when nobody watched it yet.</summary>
    /// <exception cref="Application.Common.Exceptions.NotFoundException">No such player.</exception>
    public async Task<Room> JoinAsync(Guid playerId, CancellationToken cancellationToken)
    {
        Room room;
        lock (_membership)
        {
            room = _rooms.GetOrAdd(playerId, id => new Room(id, this));
            room.Watchers++;
        }
        try
        {
            await room.EnsureLoadedAsync(cancellationToken);
            return room;
        }
        catch
        {
            Leave(room);
            throw;
        }
    }

    public void Leave(Room room)
    {
        lock (_membership)
        {
            if (--room.Watchers == 0)
                _rooms.TryRemove(new KeyValuePair<Guid, Room>(room.PlayerId, room));
        }
    }

    public void Observe(Guid playerId, long roomVersion)
    {
        if (_rooms.TryGetValue(playerId, out var room))
            room.Request(roomVersion);
    }

    public void Resynchronize()
    {
        foreach (var room in _rooms.Values)
            room.Request(long.MaxValue);
    }

    private async Task<RoomSnapshot> LoadAsync(Guid playerId, CancellationToken cancellationToken)
    {
        // The room view is public: an anonymous scope reads it exactly as GET /now does.
        await using var scope = scopes.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetNowPlayingQuery(playerId), cancellationToken);
        var data = JsonSerializer.SerializeToUtf8Bytes(view, json.Value.SerializerOptions);
        var head = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"id: {view.Version}\nevent: room\ndata: "));
        var bytes = new byte[head.Length + data.Length + 2];
        head.CopyTo(bytes, 0);
        data.CopyTo(bytes, head.Length);
        bytes[^2] = (byte)'\n';
        bytes[^1] = (byte)'\n';
        return new RoomSnapshot(view.Version, bytes);
    }

    /// <summary>One watched room: its latest state and a signal that completes when a newer one is published.</summary>
    public sealed class Room(Guid playerId, RoomFeed feed)
    {
        private readonly Lock _publishing = new();
        private TaskCompletionSource _changed = NewSignal();
        private volatile RoomSnapshot? _current;
        private Task? _loading;
        private long _wanted;
        private int _refreshing;

        public Guid PlayerId { get; } = playerId;

        internal int Watchers { get; set; }

        /// <summary>The latest state; set once the room is joined.</summary>
        public RoomSnapshot Current => _current ?? throw new InvalidOperationException("The room is not loaded yet.");

        /// <summary>Completes when a state newer than the one current when it was read is published. Read it before <see cref="Current"/>.</summary>
        public Task Changed => Volatile.Read(ref _changed).Task;

        internal Task EnsureLoadedAsync(CancellationToken cancellationToken)
        {
            if (_current is not null)
                return Task.CompletedTask;
            lock (this)
                _loading ??= LoadFirstAsync();
            return _loading.WaitAsync(cancellationToken);
        }

        private async Task LoadFirstAsync()
        {
            try
            {
                Publish(await feed.LoadAsync(PlayerId, CancellationToken.None));
            }
            catch
            {
                lock (this)
                    _loading = null; // the next watcher tries again
                throw;
            }
        }

        /// <summary>A version was announced: read the state again unless it is already that new. Bursts are coalesced.</summary>
        internal void Request(long version)
        {
            if (_current is { } current && current.Version >= version)
                return;
            long seen;
            do
            {
                seen = Interlocked.Read(ref _wanted);
            }
            while (version > seen && Interlocked.CompareExchange(ref _wanted, version, seen) != seen);
            if (Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
                _ = RefreshAsync();
        }

        private async Task RefreshAsync()
        {
            try
            {
                while (true)
                {
                    // Take the request before reading: an announcement that comes in during the read asks again.
                    Interlocked.Exchange(ref _wanted, 0);
                    Publish(await feed.LoadAsync(PlayerId, CancellationToken.None));
                    if (Interlocked.Read(ref _wanted) != 0)
                        continue;
                    // Stop refreshing, then look once more: a Request that saw this refresh still running (and so
                    // started none) between the check above and the release must not be lost.
                    Volatile.Write(ref _refreshing, 0);
                    if (Interlocked.Read(ref _wanted) == 0 || Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
                        return;
                }
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _refreshing, 0);
                feed.CouldNotRead(ex, PlayerId);
            }
        }

        /// <summary>
        /// Makes <paramref name="snapshot"/> current unless the room already has that version or a newer one: the first
        /// load and a refresh may both be reading, and the slower, older one must not replace the newer state (no
        /// announcement would follow to correct it). A snapshot's version labels its state exactly (one REPEATABLE
        /// READ read), so an equal version is the same state.
        /// </summary>
        private void Publish(RoomSnapshot snapshot)
        {
            lock (_publishing)
            {
                if (_current is { } current && current.Version >= snapshot.Version)
                    return;
                _current = snapshot;
                Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
            }
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

