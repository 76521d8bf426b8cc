using Microsoft.Extensions.Options;
using Soundscape.PlayerAgent.Configuration;
using Soundscape.PlayerAgent.Server;

namespace Soundscape.PlayerAgent;

/// <summary>
/// The device loop in the host: with a server configured it runs an <see cref="AgentLoop"/> until shutdown; without
/// one (a device not enrolled yet) it announces itself and idles.
/// </summary>
internal sealed class AgentWorker(IOptions<AgentOptions> options, ILoggerFactory loggers, ILogger<AgentWorker> logger, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.HasServer)
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
            return;
        }

        using var http = AgentHttpClient.Create(new Uri(settings.ServerUrl!), settings.DeviceKey!);
        // The long poll is held up to 25 s; anything much longer than that is a dead connection.
        http.Timeout = TimeSpan.FromSeconds(settings.PollWaitSeconds + 30);
        try
        {
            using var loop = new AgentLoop(settings, http, loggers);
            await loop.RunAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogCritical(ex, "PlayerAgent failed: {Reason}", ex.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }
}
