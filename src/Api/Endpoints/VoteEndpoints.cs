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
            .WithSummary("Vote on a sound with a rating (1–5) or a reaction (like | dislike): the vote is stored and your taste takes one gradient step. A repeat with the same clientVoteId answers 200 with the first vote's result and changes nothing; the same clientVoteId on a different vote is 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<CastVoteResult>, Ok<CastVoteResult>>> CastVote(
        CastVoteCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(command, cancellationToken);
        return result.Repeated ? TypedResults.Ok(result) : TypedResults.Created("/api/me/votes", result);
    }
}
