using Soundscape.Application.Recommendation.Common;
using Soundscape.Infrastructure.Recommendation;

namespace Soundscape.Api.Hosting;

/// <summary>
/// Hosts the engine (DESIGN §4.5): every TickInterval it asks <see cref="PlanningPolicy"/> to plan this instance's
/// share of the round, and a room change (check-in, check-out, vote there) is handed to it at once. What is planned,
/// in which batches and how failures are retried is the policy's. Off with Recommendation:Engine:Enabled=false.
/// </summary>
internal sealed class QueueEngine(
    PlanningPolicy policy, RoomChangeChannel roomChanges, RecommendationOptions options, TimeProvider clock, ILogger<QueueEngine> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(TickAsync(stoppingToken), FollowRoomChangesAsync(stoppingToken));

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.TickInterval, clock);
        do
        {
            try
            {
                await policy.PlanRoundAsync(policy.RoundAt(clock.GetUtcNow()), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A planning round failed; the next one tries again");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
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
                await policy.PlanChangedRoomsAsync(players, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
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
