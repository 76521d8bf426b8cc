using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Mixes.Common;
using Soundscape.Application.Mixes.CreateMix;
using Soundscape.Application.Mixes.DeleteMix;
using Soundscape.Application.Mixes.GetMix;
using Soundscape.Application.Mixes.ListMixes;
using Soundscape.Application.Mixes.UpdateMix;

namespace Soundscape.Api.Endpoints;

internal static class MixEndpoints
{
    public static IEndpointRouteBuilder MapMixEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mixes").WithTags("Mixes");
        group.MapGet("", ListMixes).WithName("ListMixes")
            .WithSummary("Your own mixes and everyone's public ones, newest first (anonymous: public ones only).")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetMix).WithName("GetMix")
            .WithSummary("One mix with its layers, duration and volume-weighted embedding; someone else's private mix is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", CreateMix).WithName("CreateMix").RequireAuthorization()
            .WithSummary("Make a mix of 1–16 layers {soundId, volume 0..1, loop, delaySeconds ≥ 0}; bad layers are named (layers[i].field).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPatch("/{id:guid}", UpdateMix).WithName("UpdateMix").RequireAuthorization()
            .WithSummary("Change your mix's name, visibility or layers (layers replace all). Someone else's mix: 404 if private, 403 if public.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", DeleteMix).WithName("DeleteMix").RequireAuthorization()
            .WithSummary("Delete your mix. Someone else's mix: 404 if private, 403 if public.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<PagedResult<MixDto>>> ListMixes(IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await mediator.Send(new ListMixesQuery(page, pageSize), cancellationToken));

    private static async Task<Ok<MixDto>> GetMix(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetMixQuery(id), cancellationToken));

    private static async Task<Created<MixDto>> CreateMix(CreateMixCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        var mix = await mediator.Send(command, cancellationToken);
        return TypedResults.Created($"/api/mixes/{mix.Id}", mix);
    }

    private static async Task<Ok<MixDto>> UpdateMix(Guid id, UpdateMixBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new UpdateMixCommand(id, body.Name, body.IsPublic, body.Layers), cancellationToken));

    private static async Task<NoContent> DeleteMix(Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteMixCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
