using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;
using Soundscape.Infrastructure.Persistence;
using Soundscape.Infrastructure.Persistence.Configurations;
using static Soundscape.Infrastructure.Recommendation.EmbeddedSql;

namespace Soundscape.Infrastructure.Recommendation;

/// <summary>
/// The engine's statements on the request's <see cref="SoundscapeDbContext"/> (its connection and transaction). The tick's
/// hot path (docs/decisions.md, "Planning in batches"): a batch of players is planned with a fixed number of statements,
/// whose rows travel as arrays (<c>unnest</c>), instead of a unit of work and a round trip per row. The SQL is in Sql/.
/// </summary>
internal sealed class RecommendationEngine(SoundscapeDbContext db) : IRecommendationEngine
{
    // The same words EF Core writes through the model's converters (PlayerConfigurations).
    private static readonly LowerCaseEnumConverter<CollectiveFallback> ExplanationFallback = new();
    private static readonly SnakeCaseEnumConverter<CollectiveFallback> PlayerFallback = new();

    public async Task<IReadOnlyList<RecommendationRow>> RecommendWithPenaltyAsync(
        Guid playerId, TasteVector taste, DateTimeOffset now, PenaltySettings penalty, int candidates, int limit, bool excludeQueued,
        CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<RecommendationRow>(Statement("recommend_with_penalty",
            [playerId, ToVector(taste), now, penalty.Lambda, penalty.Tau.TotalSeconds, penalty.Window.TotalSeconds, candidates, limit, excludeQueued]))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Player>> LockPlayersAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken)
    {
        var ids = playerIds.ToArray();
        return await db.Players.FromSql(Statement("lock_players", [ids])).AsNoTracking().ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PlayerRecommendationRow>> RecommendForPlayersAsync(
        IReadOnlyList<PlayerTaste> tastes, DateTimeOffset now, PenaltySettings penalty, int candidates, int limit, bool excludeQueued,
        CancellationToken cancellationToken)
    {
        var ids = tastes.Select(t => t.PlayerId).ToArray();
        // vector[] travels as text[] (the vector converter has no array form); "R" keeps every float4 exactly.
        var vectors = tastes.Select(t => VectorText(t.Taste)).ToArray();
        return await db.Database.SqlQuery<PlayerRecommendationRow>(Statement("recommend_for_players",
                [ids, vectors, now, penalty.Lambda, penalty.Tau.TotalSeconds, penalty.Window.TotalSeconds, candidates, limit, excludeQueued]))
            .ToListAsync(cancellationToken);
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
            var reasonsMoved = changes.Updated.Select(q => q.PlayerId).ToHashSet();
            var moveRoom = changes.Planned.Select(p => reasonsMoved.Contains(p.Id)).ToArray();
            await db.Database.ExecuteSqlAsync(Statement("save_planned_players", [ids, vectors, fallbacks, plannedAt, versions, moveRoom]), cancellationToken);
        }

        if (changes.Tastes.Count > 0)
        {
            var tastes = changes.Tastes;
            var players = tastes.Select(t => t.PlayerId).ToArray();
            var plannedAt = tastes.Select(t => t.PlannedAt).ToArray();
            var vectors = tastes.Select(t => t.Taste is { } v ? VectorText(v) : null).ToArray();
            var listeners = tastes.Select(t => (short)Math.Clamp(t.Listeners, 0, short.MaxValue)).ToArray();
            await db.Database.ExecuteSqlAsync(Statement("record_room_tastes", [players, plannedAt, vectors, listeners, changes.TasteEpsilon]), cancellationToken);
        }

        if (changes.Removed.Count > 0)
        {
            var removed = changes.Removed.ToArray();
            await db.Database.ExecuteSqlAsync(Statement("delete_queue_items", [removed]), cancellationToken);
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
            await db.Database.ExecuteSqlAsync(Statement("insert_queue_items",
                [ids, players, sounds, mixes, positions, addedAt, createdAt, similarity, penalty, score, listeners, fallback]), cancellationToken);
        }

        if (changes.Updated.Count > 0)
        {
            var updated = changes.Updated;
            var (similarity, penalty, score, listeners, fallback) = Explanations(updated);
            var ids = updated.Select(q => q.Id).ToArray();
            var positions = updated.Select(q => q.Position).ToArray();
            await db.Database.ExecuteSqlAsync(Statement("update_queue_items", [ids, positions, similarity, penalty, score, listeners, fallback]), cancellationToken);
        }

        if (changes.QueueChanged.Count > 0)
        {
            var payloads = changes.QueueChanged.Select(p => QueueNotifications.Payload(p.Id, p.QueueVersion)).ToArray();
            await db.Database.ExecuteSqlAsync(Statement("notify_queues", [QueueNotifications.Channel, payloads]), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Guid>> ClaimPlanningRoundAsync(long round, DateTimeOffset onlineSince, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<Guid>(Statement("claim_planning_round", [round, onlineSince])).ToListAsync(cancellationToken);

    public async Task NotifyQueueChangedAsync(Guid playerId, long version, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(Statement("notify_queue", [QueueNotifications.Channel, QueueNotifications.Payload(playerId, version)]), cancellationToken);

    /// <summary>The explanation's fields as columns (jsonb_build_object makes the object EF Core's ToJson mapping reads).</summary>
    private static (double?[] Similarity, double?[] Penalty, double?[] Score, int?[] Listeners, string?[] Fallback) Explanations(IReadOnlyList<QueueItem> items) =>
        (items.Select(q => q.Explanation?.Similarity).ToArray(),
         items.Select(q => q.Explanation?.Penalty).ToArray(),
         items.Select(q => q.Explanation?.Score).ToArray(),
         items.Select(q => q.Explanation?.Listeners).ToArray(),
         items.Select(q => q.Explanation is { } e ? (string?)ExplanationFallback.ConvertToProvider(e.Fallback) : null).ToArray());

    /// <summary>
    /// A raw SQL argument goes to Npgsql as it is (EF's default type mapping for TasteVector serves LINQ only), so the
    /// persistence boundary converts it here, as <see cref="TasteVectorConverter"/> does for columns.
    /// </summary>
    private static Pgvector.Vector ToVector(TasteVector taste) => new(taste.ToSingleArray());

    private static string VectorText(TasteVector vector) =>
        "[" + string.Join(",", vector.ToSingleArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}
