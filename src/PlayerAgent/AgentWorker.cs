using Microsoft.Extensions.Options;
using Soundscape.PlayerAgent.Configuration;
using Soundscape.PlayerAgent.Pairing;
using Soundscape.PlayerAgent.Server;

namespace Soundscape.PlayerAgent;

/// <summary>
/// The device loop in the host: with a server configured it finds its device key (configured, stored by an earlier
/// pairing, or paired now by code) and runs an <see cref="AgentLoop"/> until shutdown; without a server (a device not
/// set up yet) it announces itself and idles.
/// </summary>
internal sealed class AgentWorker(IOptions<AgentOptions> options, ILoggerFactory loggers, ILogger<AgentWorker> logger, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var status = new AgentStatusFile(settings.StatusPath, logger);
        if (!settings.HasServer)
        {
            logger.LogInformation("PlayerAgent started (version {Version}); no server configured yet, idling until stopped", AgentVersion.Current);
            status.Write(new AgentStatus("unconfigured", AgentVersion.Current, DateTimeOffset.UtcNow));
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

        var server = new Uri(settings.ServerUrl!);
        try
        {
            logger.LogInformation("PlayerAgent started (version {Version}); server {Server}", AgentVersion.Current, server);
            var deviceKey = await DeviceKeyAsync(settings, server, status, stoppingToken);
            using var http = AgentHttpClient.Create(server, deviceKey);
            // The long poll is held up to 25 s; anything much longer than that is a dead connection.
            http.Timeout = TimeSpan.FromSeconds(settings.PollWaitSeconds + 30);
            status.Write(new AgentStatus("running", AgentVersion.Current, DateTimeOffset.UtcNow, server.ToString()));
            using var loop = new AgentLoop(settings, http, loggers);
            await loop.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("PlayerAgent stopping");
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "PlayerAgent failed: {Reason}", ex.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    // A configured key wins (as before pairing existed); then a key an earlier pairing stored; else pair now.
    private async Task<string> DeviceKeyAsync(AgentOptions settings, Uri server, AgentStatusFile status, CancellationToken stoppingToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.DeviceKey))
            return settings.DeviceKey.Trim();
        var store = new DeviceKeyStore(settings.DeviceKeyPath);
        if (store.Load() is { } stored)
        {
            logger.LogInformation("Using the device key stored in {Path}", store.FilePath);
            return stored;
        }
        logger.LogInformation("No device key configured or stored in {Path}: pairing with {Server}", store.FilePath, server);
        using var anonymous = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        return await new DevicePairer(anonymous, store, status, loggers.CreateLogger<DevicePairer>()).PairAsync(stoppingToken);
    }
}
