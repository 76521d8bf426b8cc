namespace Soundscape.PlayerAgent;

/// <summary>
/// The device loop. For now it only announces itself and waits for shutdown; the queue,
/// cache and audio engine arrive with the PlayerAgent issue.
/// </summary>
internal sealed class AgentWorker(ILogger<AgentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("PlayerAgent started; no server configured yet, idling until stopped");
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("PlayerAgent stopping");
        }
    }
}
