namespace Soundscape.PlayerAgent;

/// <summary>
/// The device loop. For now it only announces itself and waits for shutdown; the queue,
/// cache and audio engine arrive with the PlayerAgent issue.
/// </summary>
internal sealed class AgentWorker(ILogger<AgentWorker> logger, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("PlayerAgent started; no server configured yet, idling until stopped");
        if (Environment.GetEnvironmentVariable("SOUNDSCAPE_AGENT_EXIT_AFTER_START") == "1")
        {
            lifetime.StopApplication();
            return;
        }
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
