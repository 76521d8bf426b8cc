using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Recommendation.PlanQueue;

/// <summary>
/// Re-plans a player's not-yet-started queue items for the people in the room now (DESIGN §4.5). What is playing is
/// not in the queue (a started item moves to play_history), so it is never touched. Service work only.
/// </summary>
public sealed record PlanQueueCommand(Guid PlayerId) : IRequest<QueuePlan>;

/// <param name="Changed">False when the plan kept the same items in the same order (only their explanations were refreshed).</param>
public sealed record QueuePlan(Guid PlayerId, long Version, bool Changed, CollectiveVector Collective, IReadOnlyList<PlannedItem> Items);

public sealed record PlannedItem(Guid QueueItemId, Guid? SoundId, Guid? MixId, QueueExplanation Explanation);

internal sealed class PlanQueueHandler(IApplicationDbContext db, ICurrentUser currentUser, RecommendationOptions options, TimeProvider clock)
    : IRequestHandler<PlanQueueCommand, QueuePlan>
{
    public async Task<QueuePlan> Handle(PlanQueueCommand request, CancellationToken cancellationToken)
    {
        if (!currentUser.IsService)
            throw new ForbiddenAccessException("Queues are planned by the engine.");
        var now = clock.GetUtcNow();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        // One plan (or play report) of a player at a time: the row lock orders them.
        var player = await db.FindPlayerForUpdateAsync(request.PlayerId, cancellationToken)
                     ?? throw new NotFoundException("Player", request.PlayerId);

        var collective = await CollectiveAsync(player, now, cancellationToken);
        var rows = await db.RecommendWithPenaltyAsync(player.Id, collective.Vector, now, options.Penalty,
            Math.Max(options.Candidates, options.QueueDepth), options.QueueDepth, excludeQueued: false, cancellationToken);

        var current = await db.PlayerQueue.Where(q => q.PlayerId == player.Id).OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var planned = new List<QueueItem>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var explanation = new QueueExplanation(row.Similarity, row.Penalty, row.Score, collective.ListenerCount, collective.Fallback);
            var item = PlayableRef.From(row.SoundId, row.MixId);
            // Items that stay where they were keep their row (and id): a device may already be fetching them.
            if (i < current.Count && current[i].Item == item)
            {
                // The head may have left (it started), so what stays is numbered from 0 again, as it is ordered.
                current[i].MoveTo(i);
                current[i].Explain(explanation);
                planned.Add(current[i]);
                continue;
            }
            planned.Add(QueueItem.Enqueue(player.Id, item, i, explanation, now));
        }

        var kept = planned.Where(current.Contains).ToHashSet();
        var removed = current.Where(q => !kept.Contains(q)).ToList();
        var added = planned.Where(q => !kept.Contains(q)).ToList();
        var changed = removed.Count > 0 || added.Count > 0;
        player.Planned(collective, now);
        db.PlayerQueue.RemoveRange(removed);
        db.PlayerQueue.AddRange(added);
        if (changed)
        {
            player.QueueChanged();
            await db.NotifyQueueChangedAsync(player.Id, player.QueueVersion, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new QueuePlan(player.Id, player.QueueVersion, changed, collective,
            planned.Select(q => new PlannedItem(q.Id, q.SoundId, q.MixId, q.Explanation!)).ToList());
    }

    /// <summary>DESIGN §4.3: the room's listeners with a signal, else every active listener, else the player's default, else explore.</summary>
    private async Task<CollectiveVector> CollectiveAsync(Player player, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = db.Sessions.AsNoTracking().Where(s => s.Status == SessionStatus.Active && s.ExpiresAt > now);
        var room = await (from s in active
                          where s.PlayerId == player.Id
                          join p in db.Profiles on s.UserId equals p.Id
                          select p.PreferenceVector).ToListAsync(cancellationToken);
        IReadOnlyCollection<TasteVector> everyone = [];
        if (room.All(v => v.IsZero))
        {
            // Only needed when the room has no signal.
            everyone = await (from s in active
                              join p in db.Profiles on s.UserId equals p.Id
                              select p.PreferenceVector).ToListAsync(cancellationToken);
        }
        return CollectiveVectorCalculator.Compute(room, everyone, player.DefaultVector);
    }
}
