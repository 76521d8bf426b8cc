using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Recommendation.Common;

/// <param name="Changed">False when the plan kept the same items in the same order (only their explanations were refreshed).</param>
public sealed record QueuePlan(Guid PlayerId, long Version, bool Changed, CollectiveVector Collective, IReadOnlyList<PlannedItem> Items);

public sealed record PlannedItem(Guid QueueItemId, Guid? SoundId, Guid? MixId, QueueExplanation Explanation);

/// <summary>
/// Re-plans the not-yet-started queue items of a batch of players for the people in their rooms now (DESIGN §4.3–§4.5),
/// in one transaction and with the same handful of statements whatever the batch's size: lock the players, read their
/// rooms, recommend for all of them (recommend_for_players), read their queues, write what changed. A batch of one is
/// the single re-plan after a room change. What is playing is not in the queue (a started item moves to play_history),
/// so it is never touched. Its caller, PlanQueuesCommand, is declared service work.
/// </summary>
/// <remarks>
/// Items that stay at their place keep their row and id (a device may be fetching them); only explanations or places
/// that moved are written. The queue version goes up, and the instances hear of it (NOTIFY), only for a player whose
/// items changed. The players' rows are written through <see cref="IRecommendationEngine.SaveQueuePlansAsync"/> in
/// batched statements, not through the change tracker (docs/decisions.md, "Planning in batches").
/// </remarks>
internal sealed class QueuePlanner(
    IApplicationDbContext db, IRecommendationEngine engine, RecommendationOptions options, RoomAnalyticsOptions analytics, TimeProvider clock, ILogger<QueuePlanner> logger)
{
    public async Task<IReadOnlyList<QueuePlan>> PlanAsync(IEnumerable<Guid> playerIds, CancellationToken cancellationToken)
    {
        var ids = playerIds.Distinct().ToArray();
        if (ids.Length == 0)
            return [];
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        // One plan (or play report) of a player at a time: the row lock orders them. The rows are locked in id order,
        // as every batch locks them, so two batches that share players wait for each other instead of deadlocking.
        var players = await engine.LockPlayersAsync(ids, cancellationToken);
        if (players.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return [];
        }

        var found = players.Select(p => p.Id).ToArray();
        var collectives = await CollectivesAsync(players, now, cancellationToken);
        var recommendations = (await engine.RecommendForPlayersAsync(
                players.Select(p => new PlayerTaste(p.Id, collectives[p.Id].Vector)).ToList(), now, options.Penalty,
                Math.Max(options.Candidates, options.QueueDepth), options.QueueDepth, excludeQueued: false, cancellationToken))
            .Where(Usable)
            .ToLookup(r => r.PlayerId);
        var queues = (await db.PlayerQueue.AsNoTracking().Where(q => found.Contains(q.PlayerId))
                .OrderBy(q => q.Position).ThenBy(q => q.AddedAt).ThenBy(q => q.Id).ToListAsync(cancellationToken))
            .ToLookup(q => q.PlayerId);

        var changes = new QueuePlanChanges { TasteEpsilon = analytics.TasteEpsilon };
        var plans = players.Select(p => Plan(p, collectives[p.Id], recommendations[p.Id].ToList(), queues[p.Id].ToList(), now, changes)).ToList();
        await engine.SaveQueuePlansAsync(changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return plans;
    }

    /// <summary>
    /// A candidate the queue can hold: finite numbers (a NaN would be stored as the string "NaN") and exactly one of a
    /// sound and a mix. recommend_for_players returns no other, so one that gets here is a fault to log, not a reason
    /// to fail the whole batch: it is skipped and the rest are planned.
    /// </summary>
    private bool Usable(PlayerRecommendationRow row)
    {
        if (double.IsFinite(row.Similarity) && double.IsFinite(row.Penalty) && double.IsFinite(row.Score) && (row.SoundId is null) != (row.MixId is null))
            return true;
        logger.LogWarning("Skipped a candidate for player {PlayerId} (sound {SoundId}, mix {MixId}): similarity {Similarity}, penalty {Penalty}, score {Score}",
            row.PlayerId, row.SoundId, row.MixId, row.Similarity, row.Penalty, row.Score);
        return false;
    }

    private static QueuePlan Plan(
        Player player, CollectiveVector collective, IReadOnlyList<PlayerRecommendationRow> rows, IReadOnlyList<QueueItem> current,
        DateTimeOffset now, QueuePlanChanges changes)
    {
        var planned = new List<QueueItem>(rows.Count);
        var kept = new HashSet<Guid>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var explanation = new QueueExplanation(row.Similarity, row.Penalty, row.Score, collective.ListenerCount, collective.Fallback);
            var item = PlayableRef.From(row.SoundId, row.MixId);
            // Items that stay where they were keep their row (and id): a device may already be fetching them.
            if (i < current.Count && current[i].Item == item)
            {
                var stays = current[i];
                kept.Add(stays.Id);
                // Written only when a number moved (usually the penalty's clock), or when the place is renumbered after
                // the first item started playing (the order is the same, so that alone is no change for the device).
                if (stays.Explanation != explanation || stays.Position != i)
                {
                    stays.Explain(explanation);
                    stays.MoveTo(i);
                    changes.Updated.Add(stays);
                }
                planned.Add(stays);
                continue;
            }
            var added = QueueItem.Enqueue(player.Id, item, i, explanation, now);
            changes.Added.Add(added);
            planned.Add(added);
        }

        var removed = current.Where(q => !kept.Contains(q.Id)).ToList();
        changes.Removed.AddRange(removed.Select(q => q.Id));
        var changed = removed.Count > 0 || planned.Count > kept.Count;
        player.Planned(collective, now);
        changes.Planned.Add(player);
        changes.Tastes.Add(new RoomTasteSample(player.Id, now, collective.PublicVector, collective.ListenerCount));
        if (changed)
        {
            player.QueueChanged();
            changes.QueueChanged.Add(player);
        }
        return new QueuePlan(player.Id, player.QueueVersion, changed, collective,
            planned.Select(q => new PlannedItem(q.Id, q.SoundId, q.MixId, q.Explanation!)).ToList());
    }

    /// <summary>
    /// DESIGN §4.3 for every player of the batch: the room's listeners with a signal, else every active listener, else the
    /// player's default, else explore. The rooms are one query; every active listener is read once, and only when some
    /// room of the batch has no signal.
    /// </summary>
    private async Task<Dictionary<Guid, CollectiveVector>> CollectivesAsync(IReadOnlyList<Player> players, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = players.Select(p => (Guid?)p.Id).ToArray();
        var active = db.Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Active && s.ExpiresAt > now);
        var rooms = (await (from s in active
                            where ids.Contains(s.PlayerId)
                            join p in db.Profiles on s.UserId equals p.Id
                            select new { s.PlayerId, p.PreferenceVector }).ToListAsync(cancellationToken))
            .ToLookup(r => r.PlayerId!.Value, r => r.PreferenceVector);

        IReadOnlyCollection<TasteVector>? everyone = null;
        var collectives = new Dictionary<Guid, CollectiveVector>(players.Count);
        foreach (var player in players)
        {
            var room = rooms[player.Id].ToList();
            IReadOnlyCollection<TasteVector> fallback = [];
            if (room.All(v => v.IsZero))
            {
                everyone ??= await (from s in active
                                    join p in db.Profiles on s.UserId equals p.Id
                                    select p.PreferenceVector).ToListAsync(cancellationToken);
                fallback = everyone;
            }
            collectives[player.Id] = CollectiveVectorCalculator.Compute(room, fallback, player.DefaultVector);
        }
        return collectives;
    }
}
