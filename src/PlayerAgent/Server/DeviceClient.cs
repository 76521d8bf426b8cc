using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Soundscape.Application.Devices.Common;
using Soundscape.PlayerAgent.Reporting;

namespace Soundscape.PlayerAgent.Server;

/// <summary>
/// The device protocol (DESIGN §5) over the agent's HttpClient (<see cref="AgentHttpClient"/>), with the Application
/// layer's contracts. Network failures and 5xx surface as <see cref="HttpRequestException"/> (or false for reports).
/// </summary>
public sealed class DeviceClient(HttpClient http, ILogger<DeviceClient>? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger<DeviceClient>.Instance;

    public HttpClient Http => http;

    /// <summary>
    /// Asks for the queue; with <paramref name="knownVersion"/> the server answers 304 (null here) when it is still
    /// current, holding the request up to <paramref name="waitSeconds"/> for a change.
    /// </summary>
    /// <exception cref="HttpRequestException">Unreachable, or any answer other than 200/304.</exception>
    public async Task<DeviceQueueDto?> PollQueueAsync(long? knownVersion, int waitSeconds, CancellationToken cancellationToken)
    {
        var wait = Math.Clamp(waitSeconds, 0, DeviceProtocol.MaxWaitSeconds);
        using var request = new HttpRequestMessage(HttpMethod.Get, knownVersion is null || wait == 0 ? "/api/device/queue" : $"/api/device/queue?wait={wait}");
        if (knownVersion is { } version)
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(DeviceProtocol.ETag(version)));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DeviceQueueDto>(cancellationToken)
               ?? throw new HttpRequestException("The server answered an empty queue body.");
    }

    /// <summary>
    /// Sends one play report. True when the server has it: recorded now (201) or before (200, duplicate), and also
    /// when it refuses it for good (a 4xx such as 404 for a queue item the server no longer knows) — that report can
    /// never be delivered, so it is logged and let go rather than blocking every later one. False when the server
    /// could not be reached or failed (5xx, 408, 429): the journal keeps it and the sender retries.
    /// </summary>
    public async Task<bool> ReportAsync(PlayReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new PlayEventRequest(report.EventId, report.QueueItemId, report.Event == PlayEventKind.Started ? "started" : "ended", report.At,
            report.SoundId, report.MixId);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync("/api/device/plays", body, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            logger.LogDebug("Play report {EventId} not delivered: {Reason}", report.EventId, ex.Message);
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // the client's timeout
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 200 or 201)
            {
                var result = await response.Content.ReadFromJsonAsync<PlayEventResult>(cancellationToken);
                logger.LogInformation("Reported {Event} of queue item {QueueItemId} ({EventId}{Duplicate})",
                    body.Event, report.QueueItemId, report.EventId, result?.Duplicate == true ? ", already recorded" : "");
                return true;
            }
            if (status is >= 400 and < 500 and not 408 and not 429 and not 401)
            {
                logger.LogWarning("The server refused the {Event} report of queue item {QueueItemId} ({EventId}) with {Status}: {Body}; dropping it",
                    body.Event, report.QueueItemId, report.EventId, status, await response.Content.ReadAsStringAsync(cancellationToken));
                return true;
            }
            logger.LogDebug("Play report {EventId} not delivered: {Status}", report.EventId, status);
            return false;
        }
    }

    /// <summary>Tells the server the device is alive; "playing" or "idle" (or "online").</summary>
    /// <exception cref="HttpRequestException">Unreachable or refused.</exception>
    public async Task HeartbeatAsync(string status, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/device/heartbeat", new DeviceHeartbeatRequest(status), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The absolute URL of a sound's audio (the queue's AudioUrl is relative to the server).</summary>
    public Uri AudioUri(DeviceSoundDto sound) => new(http.BaseAddress!, sound.AudioUrl);
}
