using MediatR;
using Soundscape.Application.Common.Security;

namespace Soundscape.Api.Hosting;

/// <summary>How often one kind of periodic service work runs, and what it removes (for the log).</summary>
/// <param name="Interval">Time between runs; the first run is at start-up.</param>
/// <param name="Removes">What a run removes, in the plural ("idle guests"), for the log line.</param>
internal sealed record ServiceWorkSchedule<TCommand>(TimeSpan Interval, string Removes);

/// <summary>
/// Sends <typeparamref name="TCommand"/> (a clean-up that answers how many rows it removed) at start-up and then every
/// <see cref="ServiceWorkSchedule{TCommand}.Interval"/>, as explicitly named service work: the rows are nobody's in
/// particular, so the service role does them. A failed run is logged and the next one tries again. Several instances
/// may run the same work at once; the commands delete each row once either way.
/// </summary>
internal sealed class PeriodicServiceWork<TCommand>(
    IServiceScopeFactory scopes, ServiceWorkSchedule<TCommand> schedule, TimeProvider clock, ILogger<PeriodicServiceWork<TCommand>> logger)
    : BackgroundService where TCommand : IRequest<int>, new()
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(schedule.Interval, clock);
        try
        {
            do
                await RunOnceAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One run; returns how many rows it removed (0 when it failed, which is logged).</summary>
    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
            var removed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new TCommand(), cancellationToken);
            if (removed > 0)
                logger.LogInformation("Removed {Count} {Removes}", removed, schedule.Removes);
            return removed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not remove {Removes}; the next run tries again", schedule.Removes);
            return 0;
        }
    }
}

internal static class PeriodicServiceWorkRegistration
{
    /// <summary>Registers <typeparamref name="TCommand"/> as periodic service work when <paramref name="enabled"/>.</summary>
    public static IServiceCollection AddPeriodicServiceWork<TCommand>(
        this IServiceCollection services, bool enabled, Func<IServiceProvider, ServiceWorkSchedule<TCommand>> schedule)
        where TCommand : IRequest<int>, new()
    {
        if (!enabled)
            return services;
        services.AddSingleton(schedule);
        services.AddHostedService<PeriodicServiceWork<TCommand>>();
        return services;
    }
}
