using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Soundscape.Application.Devices.Common;

namespace Soundscape.PlayerAgent.Pairing;

/// <summary>
/// The device side of pairing by code (RFC 8628 style): asks the server for a pairing, shows the user code in the
/// log and the status file, and polls at the server's interval until a manager approves it; then stores the device
/// key (<see cref="DeviceKeyStore"/>) and returns it. An expired or refused pairing starts over with a new code; an
/// unreachable server is retried with a growing pause, so a device switched on before the network simply waits.
/// </summary>
public sealed class DevicePairer(HttpClient anonymous, DeviceKeyStore keys, AgentStatusFile status, ILogger logger, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromSeconds(30);
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    /// <summary>Pairs and returns the new device key (already stored). Runs until paired or cancelled.</summary>
    public async Task<string> PairAsync(CancellationToken cancellationToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        while (true)
        {
            DevicePairingDto pairing;
            try
            {
                pairing = await StartAsync(cancellationToken);
                retry = TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Pairing: the server is unreachable or refused to start a pairing ({Reason}); retrying in {Seconds} s",
                    ex.Message, retry.TotalSeconds);
                await _delay(retry, cancellationToken);
                retry = Min(retry * 2, MaxRetryPause);
                continue;
            }

            var expiresAt = DateTimeOffset.UtcNow.AddSeconds(pairing.ExpiresIn);
            // The status file first: whoever reads the code in the log finds it there as well.
            status.Write(new AgentStatus("pairing", AgentVersion.Current, DateTimeOffset.UtcNow, anonymous.BaseAddress?.ToString(), pairing.UserCode,
                pairing.VerificationUri, pairing.VerificationUriComplete, expiresAt));
            logger.LogWarning("Pairing: enter the code {UserCode} for this player at {VerificationUri} (valid until {ExpiresAt:HH:mm} UTC)",
                pairing.UserCode, pairing.VerificationUri, expiresAt);

            if (await PollAsync(pairing, cancellationToken) is { } granted)
            {
                keys.Save(granted.DeviceKey);
                logger.LogInformation("Pairing: paired as player {PlayerId}; the device key is stored in {Path}", granted.PlayerId, keys.FilePath);
                status.Write(new AgentStatus("paired", AgentVersion.Current, DateTimeOffset.UtcNow, anonymous.BaseAddress?.ToString(), PlayerId: granted.PlayerId));
                return granted.DeviceKey;
            }
        }
    }

    private async Task<DevicePairingDto> StartAsync(CancellationToken cancellationToken)
    {
        using var response = await anonymous.PostAsync("/api/device/pairings", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DevicePairingDto>(cancellationToken)
               ?? throw new HttpRequestException("The server answered an empty pairing.");
    }

    // The token, or null when this pairing is over without one (expired, refused): the caller starts a new one.
    private async Task<DevicePairingTokenDto?> PollAsync(DevicePairingDto pairing, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, pairing.Interval));
        var retry = interval;
        while (true)
        {
            await _delay(interval, cancellationToken);
            HttpResponseMessage response;
            try
            {
                response = await anonymous.PostAsJsonAsync("/api/device/pairings/token", new DevicePairingTokenRequest(pairing.DeviceCode), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // The code stays valid while the network is away; keep polling it, more slowly.
                logger.LogWarning("Pairing: the server is unreachable ({Reason}); polling again", ex.Message);
                retry = Min(retry * 2, MaxRetryPause);
                if (retry > interval)
                    await _delay(retry - interval, cancellationToken);
                continue;
            }
            using (response)
            {
                if (response.IsSuccessStatusCode)
                    return await response.Content.ReadFromJsonAsync<DevicePairingTokenDto>(cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var after = response.Headers.RetryAfter?.Delta ?? interval;
                    await _delay(after, cancellationToken);
                    continue;
                }
                var (error, newInterval) = await ReadErrorAsync(response, cancellationToken);
                switch (error)
                {
                    case "authorization_pending":
                        continue;
                    case "slow_down":
                        interval = newInterval is { } seconds ? TimeSpan.FromSeconds(seconds) : interval + TimeSpan.FromSeconds(5);
                        logger.LogInformation("Pairing: polling every {Seconds} s from now on, as the server asked", interval.TotalSeconds);
                        continue;
                    case "expired_token":
                        logger.LogWarning("Pairing: the code {UserCode} expired before a manager entered it; asking for a new one", pairing.UserCode);
                        return null;
                    case "access_denied":
                        logger.LogWarning("Pairing: the pairing was refused (the player no longer exists); asking for a new code");
                        return null;
                    default:
                        logger.LogWarning("Pairing: the server refused the poll ({Status} {Error}); asking for a new code", (int)response.StatusCode, error);
                        await _delay(retry, cancellationToken);
                        return null;
                }
            }
        }
    }

    private static async Task<(string? Error, int? Interval)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var error = body.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            int? interval = body.RootElement.TryGetProperty("interval", out var i) && i.TryGetInt32(out var value) ? value : null;
            return (error, interval);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
