using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Listeners.CheckIn;
using Soundscape.Application.Listeners.CheckOut;
using Soundscape.Application.Listeners.Common;
using Soundscape.Application.Listeners.SessionHeartbeat;
using Soundscape.Application.Players.GetListenerCount;

namespace Soundscape.Api.Endpoints;

internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sessions").WithTags("Sessions").RequireAuthorization();
        group.MapPost("/check-in", CheckIn).WithName("CheckIn")
            .WithSummary("Check in at the player whose NFC tag carries the code; an open session elsewhere moves here.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/heartbeat", Heartbeat).WithName("SessionHeartbeat")
            .WithSummary("Keep the open session alive: it expires an hour after the last heartbeat.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/check-out", CheckOut).WithName("CheckOut")
            .WithSummary("End the open session.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGroup("/api/players").WithTags("Players")
            .MapGet("/{id:guid}/listeners", Listeners).WithName("GetListenerCount")
            .WithSummary("How many listeners are checked in at the player now. Public.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<SessionDto>> CheckIn(CheckInCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/sessions", await mediator.Send(command, cancellationToken));

    private static async Task<Ok<SessionDto>> Heartbeat(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SessionHeartbeatCommand(), cancellationToken));

    private static async Task<NoContent> CheckOut(IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new CheckOutCommand(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ListenerCountDto>> Listeners(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetListenerCountQuery(id), cancellationToken));
}
