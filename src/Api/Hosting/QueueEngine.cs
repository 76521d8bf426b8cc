using MediatR;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Recommendation.ClaimPlanningRound;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Application.Recommendation.PlanQueues;
using Soundscape.Infrastructure.Recommendation;

namespace Soundscape.Api.Hosting;

/// <summary>
/// Told what the engine planned, and in which round (0 for a re-plan after a room change). Production has no observer
/// that keeps anything (<see cref="NoPlanningObserver"/>): a record would grow by one entry per planned player per tick,
/// for as long as the process runs. Tests and the tick benchmark register their own.
/// </summary>
internal interface IPlanningObserver
{
    /// <summary>This instance took part in <paramref name="round"/> and claimed <paramref name="count"/> players (0 when another was first).</summary>
    void Claimed(long round, int count);

    /// <summary>This instance planned <paramref name="playerId"/> in <paramref name="round"/>.</summary>
    void Planned(long round, Guid playerId);
}

/// <summary>The production observer: keeps nothing.</summary>
internal sealed class NoPlanningObserver : IPlanningObserver
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
/// The tick (DESIGN §4.5): every interval this instance claims its share of the online players for the round and
/// re-plans them, a batch of players per transaction (PlanQueuesCommand); and a room change (check-in, check-out, vote
/// there) re-plans that player at once, as a batch of one. Both run as explicitly named service work. Off with
/// Recommendation:Engine:Enabled=false.
/// </summary>
internal sealed class QueueEngine(
    IServiceScopeFactory scopes, RoomChangeChannel roomChanges, RecommendationOptions options, IPlanningObserver observer,
    TimeProvider clock, ILogger<QueueEngine> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(TickAsync(stoppingToken), FollowRoomChangesAsync(stoppingToken));

    /// <summary>Rounds are numbered by wall-clock time, so every instance agrees which round it is.</summary>
    internal long RoundAt(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / (long)options.TickInterval.TotalMilliseconds;

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.TickInterval, clock);
        do
        {
            try
            {
                await PlanRoundAsync(RoundAt(clock.GetUtcNow()), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A planning round failed; the next one tries again");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>
    /// Claims this instance's share of the round, then plans it in batches of PlanningBatchSize players (each one
    /// transaction), PlanningConcurrency batches at once. The claimed ids are sorted first, so the batches are disjoint
    /// ranges of ids.
    /// </summary>
    internal async Task PlanRoundAsync(long round, CancellationToken cancellationToken)
    {
        var claimed = await SendAsServiceAsync(new ClaimPlanningRoundCommand(round), cancellationToken);
        observer.Claimed(round, claimed.Count);
        var batches = claimed.Order().Chunk(options.PlanningBatchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = options.PlanningConcurrency, CancellationToken = cancellationToken },
            async (batch, token) => await PlanAsync(round, batch, token));
        if (claimed.Count > 0)
            logger.LogDebug("Round {Round}: planned {Count} players", round, claimed.Count);
    }

    private async Task FollowRoomChangesAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await roomChanges.Reader.WaitToReadAsync(stoppingToken))
            {
                // A burst (several check-ins at once) is planned once per player, as one batch.
                var players = new HashSet<Guid>();
                while (roomChanges.Reader.TryRead(out var playerId))
                    players.Add(playerId);
                await PlanAsync(0, players, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

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

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
