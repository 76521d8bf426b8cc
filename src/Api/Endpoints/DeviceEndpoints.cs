using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;
using Soundscape.Application.Devices.DeviceHeartbeat;
using Soundscape.Application.Devices.GetDeviceQueue;
using Soundscape.Application.Devices.RecordPlayEvent;
using Soundscape.Infrastructure.Devices;

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
        return app;
    }

    private static async Task<Results<Ok<DeviceQueueDto>, StatusCodeHttpResult>> GetQueue(
        HttpContext context, CurrentDevice device, QueueVersionCache versions, IMediator mediator, CancellationToken cancellationToken, int wait = 0)
    {
        if (wait is < 0 or > DeviceProtocol.MaxWaitSeconds)
            throw RequestValidationException.For("wait", $"wait must be between 0 and {DeviceProtocol.MaxWaitSeconds} seconds.");
        var playerId = device.RequirePlayerId();
        if (KnownVersion(context.Request) is { } known)
        {
            // The idle path: the version comes from memory, kept right by the database's notifications.
            var current = await versions.GetAsync(playerId, cancellationToken);
            if (current == known && wait > 0)
                current = await versions.WaitForChangeAsync(playerId, known, TimeSpan.FromSeconds(wait), cancellationToken);
            if (current == known)
            {
                context.Response.Headers.ETag = DeviceProtocol.ETag(known);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        var queue = await mediator.Send(new GetDeviceQueueQuery(), cancellationToken);
        context.Response.Headers.ETag = DeviceProtocol.ETag(queue.Version);
        return TypedResults.Ok(queue);
    }

    private static long? KnownVersion(HttpRequest request)
    {
        var value = request.Headers.IfNoneMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        return value.Length > 2 && value[0] == '"' && value[^1] == '"' && long.TryParse(value[1..^1], out var version) ? version : null;
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
