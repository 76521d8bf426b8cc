using MediatR;
using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Analytics.RemoveOldTasteHistory;
using Soundscape.Application.Common.Security;

namespace Soundscape.Api.Hosting;

/// <summary>
/// Every Analytics:SweepInterval, deletes recorded room tastes older than Analytics:TasteRetention, as service work
/// (only the service role writes room_taste_history). Instances sweeping at once delete each row once.
/// </summary>
internal sealed class TasteHistorySweeper(IServiceScopeFactory scopes, RoomAnalyticsOptions options, TimeProvider clock, ILogger<TasteHistorySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, clock);
        try
        {
            do
                await SweepAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; returns how many rows were deleted (0 when it failed, which is logged).</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
            var removed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RemoveOldTasteHistoryCommand(), cancellationToken);
            if (removed > 0)
                logger.LogInformation("Removed {Count} room tastes older than {Retention}", removed, options.TasteRetention);
            return removed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not remove old room tastes; the next sweep tries again");
            return 0;
        }
    }
}
