using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>Room analytics over this context's connection, so the caller set by RowLevelSecurityInterceptor applies.</summary>
public sealed partial class SoundscapeDbContext : IRoomAnalyticsStore
{
    public async Task<RoomSummaryRow?> RoomSummaryAsync(Guid playerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await Database.SqlQuery<RoomSummaryRow>($"""
            SELECT plays AS plays, played_seconds AS played_seconds, listener_seconds AS listener_seconds,
                   peak_listeners AS peak_listeners, unique_listeners AS unique_listeners, votes AS votes, ratings AS ratings,
                   average_rating AS average_rating, likes AS likes, dislikes AS dislikes
            FROM public.room_analytics_summary({playerId}, {from}, {to})
            """).ToListAsync(cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<RoomSoundRow>> RoomSoundsAsync(Guid playerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await Database.SqlQuery<RoomSoundRow>($"""
            SELECT sound_id AS sound_id, mix_id AS mix_id, title AS title, plays AS plays, listener_seconds AS listener_seconds,
                   votes AS votes, ratings AS ratings, average_rating AS average_rating, likes AS likes, dislikes AS dislikes,
                   approval AS approval
            FROM public.room_analytics_sounds({playerId}, {from}, {to})
            """).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<RoomTasteRow>> RoomTasteAsync(
        Guid playerId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var seconds = bucket.TotalSeconds;
        // pgvector's avg(vector) ignores nulls; the components are read through real[] (the vector converter is for columns).
        return await Database.SqlQuery<RoomTasteRow>($"""
            WITH buckets AS (
                SELECT date_bin(make_interval(secs => {seconds}), h.planned_at, {from}) AS at,
                       avg(h.taste)::real[] AS t, max(h.listeners)::integer AS listeners, count(*)::integer AS samples
                FROM room_taste_history h
                WHERE h.player_id = {playerId} AND h.planned_at >= {from} AND h.planned_at < {to}
                GROUP BY 1
            ),
            before AS (
                SELECT h.planned_at AS at, h.taste::real[] AS t, h.listeners::integer AS listeners, 1 AS samples
                FROM room_taste_history h
                WHERE h.player_id = {playerId} AND h.planned_at < {from}
                ORDER BY h.planned_at DESC LIMIT 1
            ),
            rows AS (SELECT * FROM before UNION ALL SELECT * FROM buckets)
            SELECT at AS at, t[1]::double precision AS rain, t[2]::double precision AS wind, t[3]::double precision AS fire,
                   t[4]::double precision AS thunder, t[5]::double precision AS waves, listeners AS listeners, samples AS samples
            FROM rows ORDER BY at
            """).ToListAsync(cancellationToken);
    }

    public Task<int> DeleteTasteHistoryBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"DELETE FROM room_taste_history WHERE planned_at < {before}", cancellationToken);
}
