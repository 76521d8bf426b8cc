using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Recommendation.ClaimPlanningRound;
using Soundscape.Application.Recommendation.PlanQueues;

namespace Soundscape.Application.Recommendation.Common;

/// <summary>
/// Told what the engine planned, and in which round (0 for a re-plan after a room change). Production has no observer
/// that keeps anything (<see cref="NoPlanningObserver"/>): a record would grow by one entry per planned player per tick,
/// for as long as the process runs. Tests and the tick benchmark register their own.
/// </summary>
public interface IPlanningObserver
{
    /// <summary>This instance took part in <paramref name="round"/> and claimed <paramref name="count"/> players (0 when another was first).</summary>
    void Claimed(long round, int count);

    /// <summary>This instance planned <paramref name="playerId"/> in <paramref name="round"/>.</summary>
    void Planned(long round, Guid playerId);
}

/// <summary>The production observer: keeps nothing.</summary>
public sealed class NoPlanningObserver : IPlanningObserver
{
    public static readonly NoPlanningObserver Instance = new();

    public void Claimed(long round, int count)
    {
    }

    public void Planned(long round, Guid playerId)
    {
    }
}

/// <summary>
/// How the engine plans (DESIGN §4.5): which round it is, this instance's share of a round in batches of
/// PlanningBatchSize players (one transaction each, PlanningConcurrency at once), a room change as a batch of its own,
/// and a failed batch tried again one player at a time. Every batch is a <see cref="PlanQueuesCommand"/> in its own
/// scope, as explicitly named service work. The API hosts the timer and the room-change feed that call it.
/// </summary>
public sealed class PlanningPolicy(
    IServiceScopeFactory scopes, RecommendationOptions options, IPlanningObserver observer, ILogger<PlanningPolicy> logger)
{
    /// <summary>Rounds are numbered by wall-clock time, so every instance agrees which round it is.</summary>
    public long RoundAt(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / (long)options.TickInterval.TotalMilliseconds;

    /// <summary>
    /// Claims this instance's share of the round, then plans it in batches of PlanningBatchSize players (each one
    /// transaction), PlanningConcurrency batches at once. The claimed ids are sorted first, so the batches are disjoint
    /// ranges of ids.
    /// </summary>
    public async Task PlanRoundAsync(long round, CancellationToken cancellationToken)
    {
        var claimed = await SendAsServiceAsync(new ClaimPlanningRoundCommand(round), cancellationToken);
        observer.Claimed(round, claimed.Count);
        var batches = claimed.Order().Chunk(options.PlanningBatchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.PlanningConcurrency, CancellationToken = cancellationToken },
            async (batch, token) => await PlanAsync(round, batch, token));
        if (claimed.Count > 0)
            logger.LogDebug("Round {Round}: planned {Count} players", round, claimed.Count);
    }

    /// <summary>Re-plans the players whose rooms changed, as one batch (round 0). Never throws but for cancellation.</summary>
    public Task PlanChangedRoomsAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken) =>
        PlanAsync(0, playerIds, cancellationToken);

    private async Task PlanAsync(long round, IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken)
    {
        try
        {
            var plans = await SendAsServiceAsync(new PlanQueuesCommand(playerIds), cancellationToken);
            foreach (var plan in plans)
            {
                observer.Planned(round, plan.PlayerId);
                if (plan.Changed)
                    logger.LogInformation("Queue of player {PlayerId} is now version {Version} ({Count} items, {Fallback}, {Listeners} listeners)",
                        plan.PlayerId, plan.Version, plan.Items.Count, plan.Collective.Fallback, plan.Collective.ListenerCount);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && playerIds.Count > 1)
        {
            // One bad player must not cost the others their plan: the batch is tried again one player at a time.
            logger.LogWarning(ex, "Could not plan a batch of {Count} players; planning them one by one", playerIds.Count);
            foreach (var playerId in playerIds)
                await PlanAsync(round, [playerId], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not plan the queue of player {PlayerId}", playerIds.Single());
        }
    }

    private async Task<T> SendAsServiceAsync<T>(IRequest<T> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}
