using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Api.Rooms;
using Soundscape.Application.Players.FindRoom;
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
            .WithSummary("The room view: now playing (with start and duration), next with the engine's reasons, listener count, the room's taste (null with fewer than 3 listeners) and the room's version. Public.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/events", RoomEventStream.RunAsync).WithName("GetRoomEvents")
            .WithSummary("The room view as Server-Sent Events (text/event-stream): each event is `id: <version>`, `event: room`, `data: <the /now JSON>`, sent whenever the room changes; the first carries the current state unless Last-Event-ID already names it; a `: ping` comment every 15 s. Public.")
            .Produces<string>(StatusCodes.Status200OK, RoomEventStream.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/rooms/{checkinCode}", FindRoom).WithTags("Rooms").WithName("FindRoom")
            .WithSummary("The room (player) behind a tag's check-in code. Public.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<RoomDto>> FindRoom(string checkinCode, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new FindRoomQuery(checkinCode), cancellationToken));

    private static async Task<Ok<PlayerQueueDto>> GetQueue(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetPlayerQueueQuery(id), cancellationToken));

    private static async Task<Ok<NowPlayingDto>> GetNow(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetNowPlayingQuery(id), cancellationToken));
}
