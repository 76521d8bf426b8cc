using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Listeners.CastVote;

namespace Soundscape.Api.Endpoints;

internal static class VoteEndpoints
{
    public static IEndpointRouteBuilder MapVoteEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/votes").WithTags("Votes").RequireAuthorization()
            .MapPost("", CastVote).WithName("CastVote")
            .WithSummary("Vote on a sound with a rating (1–5) or a reaction (like | dislike): the vote is stored and your taste takes one gradient step.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Created<CastVoteResult>> CastVote(CastVoteCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(command, cancellationToken);
        return TypedResults.Created($"/api/me/votes", result);
    }
}
