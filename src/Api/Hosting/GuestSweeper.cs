using MediatR;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;
using Soundscape.Application.Identity.RemoveIdleGuests;

namespace Soundscape.Api.Hosting;

/// <summary>
/// Every Auth:Guests:SweepInterval, removes guests idle for Auth:Guests:IdleAfter with their data, as explicitly named
/// service work (the service role: guests' rows are not this instance's caller's). Several instances may sweep at
/// once; a guest is deleted once either way.
/// </summary>
internal sealed class GuestSweeper(IServiceScopeFactory scopes, GuestAccountOptions options, TimeProvider clock, ILogger<GuestSweeper> logger)
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

    /// <summary>One sweep; returns how many guests were removed (0 when it failed, which is logged).</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
            var removed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RemoveIdleGuestsCommand(), cancellationToken);
            if (removed > 0)
                logger.LogInformation("Removed {Count} guests idle for {IdleAfter}", removed, options.IdleAfter);
            return removed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not remove idle guests; the next sweep tries again");
            return 0;
        }
    }
}
