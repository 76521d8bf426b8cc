using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Library.GetSound;
using Soundscape.Application.Library.ListSounds;

namespace Soundscape.Api.Endpoints;

internal static class SoundEndpoints
{
    public static IEndpointRouteBuilder MapSoundEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sounds").WithTags("Sounds");
        group.MapGet("", ListSounds).WithName("ListSounds")
            .WithSummary("The library, newest first; filter by type (soundscape | instrumental), search in title and artist.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetSound).WithName("GetSound")
            .WithSummary("One sound with its embedding as named axes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<PagedResult<SoundDto>>> ListSounds(
        IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 20, string? type = null, string? search = null) =>
        TypedResults.Ok(await mediator.Send(new ListSoundsQuery(page, pageSize, type, search), cancellationToken));

    private static async Task<Ok<SoundDto>> GetSound(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetSoundQuery(id), cancellationToken));
}
