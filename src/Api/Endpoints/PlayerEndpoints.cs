using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Players.Common;
using Soundscape.Application.Players.ApprovePairing;
using Soundscape.Application.Players.CreatePlayer;
using Soundscape.Application.Players.DeletePlayer;
using Soundscape.Application.Players.GetFleet;
using Soundscape.Application.Players.GetPlayer;
using Soundscape.Application.Players.GetPlayerLibrary;
using Soundscape.Application.Players.GetPlayHistory;
using Soundscape.Application.Players.ListPlayers;
using Soundscape.Application.Players.RotateDeviceKey;
using Soundscape.Application.Players.SetPlayerLibrary;
using Soundscape.Application.Players.UpdatePlayer;

namespace Soundscape.Api.Endpoints;

/// <summary>Managing players: managers their own, admins all. The public listener count lives in SessionEndpoints.</summary>
internal static class PlayerEndpoints
{
    private const string ManagersOnly = " Managers (their own players) and admins; someone else's player is 404.";

    public static IEndpointRouteBuilder MapPlayerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/players").WithTags("Players").RequireAuthorization();
        group.MapPost("", CreatePlayer).WithName("CreatePlayer")
            .WithSummary("Register a player you manage; the device key is returned this once (only its hash is kept). Managers and admins.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("", ListPlayers).WithName("ListPlayers")
            .WithSummary("The players you manage, newest first (an admin: all of them).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/fleet", GetFleet).WithName("GetFleet")
            .WithSummary("The players you manage as a fleet board, newest first: live status (online, playing, idle, offline), last seen, now playing and listeners, in one call (an admin: all). Managers and admins.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:guid}", GetPlayer).WithName("GetPlayer")
            .WithSummary("One player." + ManagersOnly)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", UpdatePlayer).WithName("UpdatePlayer")
            .WithSummary("Change a player's name, check-in code or default vector {rain, wind, fire, thunder, waves}." + ManagersOnly)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeletePlayer).WithName("DeletePlayer")
            .WithSummary("Delete a player with its library, queue and history." + ManagersOnly)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/library", GetLibrary).WithName("GetPlayerLibrary")
            .WithSummary("The sounds a player may play; empty means the whole library." + ManagersOnly)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/library", SetLibrary).WithName("SetPlayerLibrary")
            .WithSummary("Replace the sounds a player may play {soundIds}; empty allows the whole library, unknown ids are named." + ManagersOnly)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/device-key", RotateDeviceKey).WithName("RotateDeviceKey")
            .WithSummary("Replace a player's device key; the new key is returned this once." + ManagersOnly)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/pairing", ApprovePairing).WithName("ApproveDevicePairing")
            .WithSummary("Enter the code a device shows {userCode} (XXXX-XXXX): the player's old device key stops at once, and the device receives the new one at its next poll. A wrong, expired or used code is 400 on userCode." + ManagersOnly)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/history", GetHistory).WithName("GetPlayHistory")
            .WithSummary("What a player has played, newest first; `from`/`to` (ISO 8601 instants) keep plays that started in [from, to), e.g. one day in your time zone." + ManagersOnly)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<CreatedPlayerDto>> CreatePlayer(CreatePlayerCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        var player = await mediator.Send(command, cancellationToken);
        return TypedResults.Created($"/api/players/{player.Id}", player);
    }

    private static async Task<Ok<PagedResult<PlayerDto>>> ListPlayers(IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await mediator.Send(new ListPlayersQuery(page, pageSize), cancellationToken));

    private static async Task<Ok<PagedResult<FleetPlayerDto>>> GetFleet(IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await mediator.Send(new GetFleetQuery(page, pageSize), cancellationToken));

    private static async Task<Ok<PlayerDto>> GetPlayer(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetPlayerQuery(id), cancellationToken));

    private static async Task<Ok<PlayerDto>> UpdatePlayer(Guid id, UpdatePlayerBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new UpdatePlayerCommand(id, body.Name, body.CheckinCode, body.DefaultVector), cancellationToken));

    private static async Task<NoContent> DeletePlayer(Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeletePlayerCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PlayerLibraryDto>> GetLibrary(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetPlayerLibraryQuery(id), cancellationToken));

    private static async Task<Ok<PlayerLibraryDto>> SetLibrary(Guid id, SetPlayerLibraryBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SetPlayerLibraryCommand(id, body.SoundIds), cancellationToken));

    private static async Task<Ok<PlayerDeviceKeyDto>> RotateDeviceKey(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RotateDeviceKeyCommand(id), cancellationToken));

    private static async Task<Ok<PairingApprovedDto>> ApprovePairing(Guid id, ApprovePairingBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ApproveDevicePairingCommand(id, body.UserCode), cancellationToken));

    private static async Task<Ok<PagedResult<PlayHistoryItemDto>>> GetHistory(
        Guid id, IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 20,
        DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        TypedResults.Ok(await mediator.Send(new GetPlayHistoryQuery(id, page, pageSize, from, to), cancellationToken));
}
