using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;
using Soundscape.Application.Devices.DeviceHeartbeat;
using Soundscape.Application.Devices.GetDeviceQueue;
using Soundscape.Application.Devices.PollPairing;
using Soundscape.Application.Devices.StartPairing;
using Soundscape.Api.Abuse;
using Soundscape.Application.Devices.RecordPlayEvent;
using Soundscape.Infrastructure.Devices;
using Microsoft.Net.Http.Headers;

namespace Soundscape.Api.Endpoints;

internal static class DeviceEndpoints
{
    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/device").WithTags("Device")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = DeviceProtocol.Scheme });
        group.MapGet("/queue", GetQueue).WithName("GetDeviceQueue")
            .WithSummary("The device's queue with an ETag (its version). If-None-Match with the current version: 304 at once, or with ?wait=1..25 the request is held until the queue changes.")
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status304NotModified);
        group.MapPost("/plays", RecordPlay).WithName("RecordPlayEvent")
            .WithSummary("Report that a queue item started or ended; idempotent by eventId (a duplicate answers 200 with duplicate: true).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/heartbeat", Heartbeat).WithName("DeviceHeartbeat")
            .WithSummary("The device is alive (online | playing | idle); two minutes of silence reads as offline.")
            .ProducesValidationProblem();

        // Pairing (RFC 8628 style): the device has no key yet, so these two are anonymous, and limited per address.
        var pairing = app.MapGroup("/api/device/pairings").WithTags("Device").AllowAnonymous()
            .RequireRateLimiting(AbuseProtection.AnonymousWritePolicy);
        pairing.MapPost("", StartPairing).WithName("StartDevicePairing")
            .WithSummary("A device without a key starts a pairing: a secret deviceCode to poll with, a userCode (XXXX-XXXX) to show, where a manager enters it, expiresIn and interval (s).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        pairing.MapPost("/token", PollPairing).WithName("PollDevicePairing")
            .WithSummary("The device polls with its deviceCode. 400 with error authorization_pending, slow_down (interval grew), expired_token, access_denied or invalid_grant until a manager approved the code; then the player's new device key, this once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Ok<DevicePairingDto>> StartPairing(HttpRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        // Where the console's pairing page lives on this server, as the device reached it.
        var verificationUri = $"{request.Scheme}://{request.Host}{request.PathBase}/console/pair";
        return TypedResults.Ok(await mediator.Send(new StartDevicePairingCommand(verificationUri), cancellationToken));
    }

    private static async Task<Ok<DevicePairingTokenDto>> PollPairing(DevicePairingTokenRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new PollDevicePairingCommand(request.DeviceCode), cancellationToken));

    private static async Task<Results<Ok<DeviceQueueDto>, StatusCodeHttpResult>> GetQueue(
        HttpContext context, CurrentDevice device, QueueVersionCache versions, IMediator mediator, CancellationToken cancellationToken, int wait = 0)
    {
        if (wait is < 0 or > DeviceProtocol.MaxWaitSeconds)
            throw RequestValidationException.For("wait", $"wait must be between 0 and {DeviceProtocol.MaxWaitSeconds} seconds.");
        var playerId = device.RequirePlayerId();
        var known = context.Request.GetTypedHeaders().IfNoneMatch;
        if (known.Count > 0)
        {
            // The idle path: the version comes from memory, kept right by the database's notifications.
            var current = await versions.GetAsync(playerId, cancellationToken);
            if (Matches(known, current) && wait > 0)
                current = await versions.WaitForChangeAsync(playerId, current, TimeSpan.FromSeconds(wait), cancellationToken);
            if (Matches(known, current))
            {
                context.Response.Headers.ETag = DeviceProtocol.ETag(current);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        var queue = await mediator.Send(new GetDeviceQueueQuery(), cancellationToken);
        context.Response.Headers.ETag = DeviceProtocol.ETag(queue.Version);
        return TypedResults.Ok(queue);
    }

    // If-None-Match is an entity-tag list (RFC 9110 §13.1.2): "*", or tags compared weakly (W/ ignored) as opaque
    // strings, so "00" and "+0" are not "0". An unparsable header parses as no tags and gets the queue.
    private static bool Matches(IList<EntityTagHeaderValue> known, long current)
    {
        var tag = DeviceProtocol.ETag(current);
        return known.Any(t => t.Tag == EntityTagHeaderValue.Any.Tag || string.Equals(t.Tag.Value, tag, StringComparison.Ordinal));
    }

    private static async Task<Results<Created<PlayEventResult>, Ok<PlayEventResult>>> RecordPlay(
        PlayEventRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RecordPlayEventCommand(request.EventId, request.QueueItemId, request.Event, request.At, request.SoundId, request.MixId), cancellationToken);
        return result.Duplicate ? TypedResults.Ok(result) : TypedResults.Created((string?)null, result);
    }

    private static async Task<Ok<DeviceHeartbeatResult>> Heartbeat(DeviceHeartbeatRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new DeviceHeartbeatCommand(request.Status), cancellationToken));
}
