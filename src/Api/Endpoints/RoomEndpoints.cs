using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Players.GetNowPlaying;
using Soundscape.Application.Players.GetPlayerQueue;

namespace Soundscape.Api.Endpoints;

internal static class RoomEndpoints
{
    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/players").WithTags("Rooms");
        group.MapGet("/{id:guid}/queue", GetQueue).WithName("GetPlayerQueue").RequireAuthorization()
            .WithSummary("The player's queue with the engine's reasons (similarity, penalty, score, listeners, fallback). Its managers and admins.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/now", GetNow).WithName("GetNowPlaying")
            .WithSummary("Now playing, next, listener count and the room's collective taste. Public.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<PlayerQueueDto>> GetQueue(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetPlayerQueueQuery(id), cancellationToken));

    private static async Task<Ok<NowPlayingDto>> GetNow(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetNowPlayingQuery(id), cancellationToken));
}
