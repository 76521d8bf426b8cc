using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>Room analytics over this context's connection, so the caller set by RowLevelSecurityInterceptor applies.</summary>
public sealed partial class SoundscapeDbContext : IRoomAnalyticsStore
{
    public async Task<RoomSummaryRow?> RoomSummaryAsync(Guid playerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await Database.SqlQuery<RoomSummaryRow>($"""
            SELECT plays AS "Plays", played_seconds AS "PlayedSeconds", listener_seconds AS "ListenerSeconds",
                   peak_listeners AS "PeakListeners", unique_listeners AS "UniqueListeners", votes AS "Votes", ratings AS "Ratings",
                   average_rating AS "AverageRating", likes AS "Likes", dislikes AS "Dislikes"
            FROM public.room_analytics_summary({playerId}, {from}, {to})
            """).ToListAsync(cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<RoomSoundRow>> RoomSoundsAsync(Guid playerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await Database.SqlQuery<RoomSoundRow>($"""
            SELECT sound_id AS "SoundId", mix_id AS "MixId", title AS "Title", plays AS "Plays", listener_seconds AS "ListenerSeconds",
                   votes AS "Votes", ratings AS "Ratings", average_rating AS "AverageRating", likes AS "Likes", dislikes AS "Dislikes",
                   approval AS "Approval"
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
            SELECT at AS "At", t[1]::double precision AS "Rain", t[2]::double precision AS "Wind", t[3]::double precision AS "Fire",
                   t[4]::double precision AS "Thunder", t[5]::double precision AS "Waves", listeners AS "Listeners", samples AS "Samples"
            FROM rows ORDER BY at
            """).ToListAsync(cancellationToken);
    }

    public Task<int> DeleteTasteHistoryBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"DELETE FROM room_taste_history WHERE planned_at < {before}", cancellationToken);
}
