using Microsoft.Extensions.Options;
using Soundscape.PlayerAgent.Configuration;

namespace Soundscape.PlayerAgent;

/// <summary>
/// The device loop. The cache and the play-report journal exist; the queue loop arrives with the device
/// protocol, so for now the worker announces itself and waits for shutdown.
/// </summary>
internal sealed class AgentWorker(IOptions<AgentOptions> options, ILogger<AgentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.HasServer)
            logger.LogInformation("PlayerAgent started for {ServerUrl}; cache {CacheFolder}, output {Output}; the queue loop is not wired yet, idling until stopped",
                settings.ServerUrl, settings.CacheFolder, settings.Output.Kind);
        else
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
