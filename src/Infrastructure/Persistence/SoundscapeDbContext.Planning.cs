using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;
using Soundscape.Infrastructure.Persistence.Configurations;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// The tick's hot path (docs/decisions.md, "Planning in batches"): a batch of players is planned with a fixed number of
/// statements, whose rows travel as arrays (<c>unnest</c>), instead of a unit of work and a round trip per row.
/// </summary>
public sealed partial class SoundscapeDbContext
{
    // The same words EF Core writes through the model's converters (PlayerConfigurations).
    private static readonly LowerCaseEnumConverter<CollectiveFallback> ExplanationFallback = new();
    private static readonly SnakeCaseEnumConverter<CollectiveFallback> PlayerFallback = new();

    public async Task<IReadOnlyList<Player>> LockPlayersAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken)
    {
        var ids = playerIds.ToArray();
        return await Players.FromSql($"SELECT * FROM players WHERE id = ANY({ids}) ORDER BY id FOR UPDATE")
            .AsNoTracking().ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PlayerRecommendationRow>> RecommendForPlayersAsync(
        IReadOnlyList<PlayerTaste> tastes, DateTimeOffset now, PenaltySettings penalty, int candidates, int limit, bool excludeQueued,
        CancellationToken cancellationToken)
    {
        var ids = tastes.Select(t => t.PlayerId).ToArray();
        // vector[] travels as text[] (the vector converter has no array form); "R" keeps every float4 exactly.
        var vectors = tastes.Select(t => VectorText(t.Taste)).ToArray();
        return await Database.SqlQuery<PlayerRecommendationRow>($"""
            SELECT player_id, sound_id, mix_id, similarity, penalty, score
            FROM public.recommend_for_players({ids}, {vectors}::vector[], {now}, {penalty.Lambda}, {penalty.Tau.TotalSeconds},
                                              {penalty.Window.TotalSeconds}, {candidates}, {limit}, {excludeQueued})
            ORDER BY player_id, rank
            """).ToListAsync(cancellationToken);
    }

    public async Task SaveQueuePlansAsync(QueuePlanChanges changes, CancellationToken cancellationToken)
    {
        if (changes.Planned.Count > 0)
        {
            var ids = changes.Planned.Select(p => p.Id).ToArray();
            var vectors = changes.Planned.Select(p => p.CollectiveVector is { } v ? VectorText(v) : null).ToArray();
            var fallbacks = changes.Planned.Select(p => p.CollectiveFallback is { } f ? (string?)PlayerFallback.ConvertToProvider(f) : null).ToArray();
            var plannedAt = changes.Planned.Select(p => p.PlannedAt ?? throw new InvalidOperationException($"Player {p.Id} was not planned.")).ToArray();
            var versions = changes.Planned.Select(p => p.QueueVersion).ToArray();
            // The room view shows each queued item's reasons (listeners, fallback, similarity, penalty), so a plan that
            // only refreshed them in place still moves the room's version: the players_room_version trigger then
            // NOTIFYs, and the room's streams and the console's queue table read them again. The queue version (the
            // devices' ETag) stays, as the items did. An explicit move is not moved again by the trigger.
            var reasonsMoved = changes.Updated.Select(q => q.PlayerId).ToHashSet();
            var moveRoom = changes.Planned.Select(p => reasonsMoved.Contains(p.Id)).ToArray();
            await Database.ExecuteSqlAsync($"""
                UPDATE players AS p
                SET collective_vector = v.collective_vector::vector, collective_fallback = v.collective_fallback,
                    planned_at = v.planned_at, queue_version = v.queue_version,
                    room_version = p.room_version + CASE WHEN v.move_room THEN 1 ELSE 0 END
                FROM unnest({ids}, {vectors}, {fallbacks}, {plannedAt}, {versions}, {moveRoom})
                     AS v(id, collective_vector, collective_fallback, planned_at, queue_version, move_room)
                WHERE p.id = v.id
                """, cancellationToken);
        }

        if (changes.Tastes.Count > 0)
        {
            // The room's taste over time (room analytics), in the same transaction as the plan. A sample is kept only
            // when it differs from the player's last kept one: a listener count that changed, a taste that appeared or
            // went, or one that moved by more than the epsilon (<-> is pgvector's Euclidean distance). The last kept
            // sample is one primary-key probe per player.
            var tastes = changes.Tastes;
            var players = tastes.Select(t => t.PlayerId).ToArray();
            var plannedAt = tastes.Select(t => t.PlannedAt).ToArray();
            var vectors = tastes.Select(t => t.Taste is { } v ? VectorText(v) : null).ToArray();
            var listeners = tastes.Select(t => (short)Math.Clamp(t.Listeners, 0, short.MaxValue)).ToArray();
            await Database.ExecuteSqlAsync($"""
                INSERT INTO room_taste_history (player_id, planned_at, taste, listeners)
                SELECT v.player_id, v.planned_at, v.taste::vector, v.listeners
                FROM unnest({players}, {plannedAt}, {vectors}, {listeners}) AS v(player_id, planned_at, taste, listeners)
                LEFT JOIN LATERAL (
                    SELECT h.taste, h.listeners FROM room_taste_history h
                    WHERE h.player_id = v.player_id ORDER BY h.planned_at DESC LIMIT 1) AS last ON true
                WHERE last.listeners IS NULL
                   OR last.listeners <> v.listeners
                   OR (last.taste IS NULL) <> (v.taste IS NULL)
                   OR last.taste <-> v.taste::vector > {changes.TasteEpsilon}
                ON CONFLICT (player_id, planned_at) DO NOTHING
                """, cancellationToken);
        }

        if (changes.Removed.Count > 0)
        {
            var removed = changes.Removed.ToArray();
            await Database.ExecuteSqlAsync($"DELETE FROM player_queue WHERE id = ANY({removed})", cancellationToken);
        }

        if (changes.Added.Count > 0)
        {
            var added = changes.Added;
            var (similarity, penalty, score, listeners, fallback) = Explanations(added);
            var ids = added.Select(q => q.Id).ToArray();
            var players = added.Select(q => q.PlayerId).ToArray();
            var sounds = added.Select(q => q.SoundId).ToArray();
            var mixes = added.Select(q => q.MixId).ToArray();
            var positions = added.Select(q => q.Position).ToArray();
            var addedAt = added.Select(q => q.AddedAt).ToArray();
            var createdAt = added.Select(q => q.CreatedAt).ToArray();
            await Database.ExecuteSqlAsync($"""
                INSERT INTO player_queue (id, player_id, sound_id, mix_id, position, added_at, created_at, explanation)
                SELECT v.id, v.player_id, v.sound_id, v.mix_id, v.position, v.added_at, v.created_at,
                       CASE WHEN v.fallback IS NOT NULL THEN jsonb_build_object(
                           'similarity', v.similarity, 'penalty', v.penalty, 'score', v.score, 'listeners', v.listeners, 'fallback', v.fallback) END
                FROM unnest({ids}, {players}, {sounds}, {mixes}, {positions}, {addedAt}, {createdAt},
                            {similarity}, {penalty}, {score}, {listeners}, {fallback})
                     AS v(id, player_id, sound_id, mix_id, position, added_at, created_at, similarity, penalty, score, listeners, fallback)
                """, cancellationToken);
        }

        if (changes.Updated.Count > 0)
        {
            var updated = changes.Updated;
            var (similarity, penalty, score, listeners, fallback) = Explanations(updated);
            var ids = updated.Select(q => q.Id).ToArray();
            var positions = updated.Select(q => q.Position).ToArray();
            await Database.ExecuteSqlAsync($"""
                UPDATE player_queue AS q
                SET position = v.position,
                    explanation = CASE WHEN v.fallback IS NOT NULL THEN jsonb_build_object(
                        'similarity', v.similarity, 'penalty', v.penalty, 'score', v.score, 'listeners', v.listeners, 'fallback', v.fallback) END
                FROM unnest({ids}, {positions}, {similarity}, {penalty}, {score}, {listeners}, {fallback})
                     AS v(id, position, similarity, penalty, score, listeners, fallback)
                WHERE q.id = v.id
                """, cancellationToken);
        }

        if (changes.QueueChanged.Count > 0)
        {
            var payloads = changes.QueueChanged.Select(p => QueueNotifications.Payload(p.Id, p.QueueVersion)).ToArray();
            await Database.ExecuteSqlAsync(
                $"SELECT pg_notify({QueueNotifications.Channel}, v.payload) FROM unnest({payloads}) AS v(payload)", cancellationToken);
        }
    }

    /// <summary>The explanation's fields as columns (jsonb_build_object makes the object EF Core's ToJson mapping reads).</summary>
    private static (double?[] Similarity, double?[] Penalty, double?[] Score, int?[] Listeners, string?[] Fallback) Explanations(IReadOnlyList<QueueItem> items) =>
        (items.Select(q => q.Explanation?.Similarity).ToArray(),
         items.Select(q => q.Explanation?.Penalty).ToArray(),
         items.Select(q => q.Explanation?.Score).ToArray(),
         items.Select(q => q.Explanation?.Listeners).ToArray(),
         items.Select(q => q.Explanation is { } e ? (string?)ExplanationFallback.ConvertToProvider(e.Fallback) : null).ToArray());

    private static string VectorText(TasteVector vector) =>
        "[" + string.Join(",", vector.ToSingleArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
