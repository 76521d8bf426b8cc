using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Api.Security;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Identity.AttachCredentials;
using Soundscape.Application.Identity.Common;
using Soundscape.Application.Listeners.GetMyProfile;
using Soundscape.Application.Listeners.ListMyVotes;
using Soundscape.Application.Listeners.UpdateMyProfile;
using Soundscape.Application.Recommendation.GetMyRecommendations;

namespace Soundscape.Api.Endpoints;

internal static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Me").RequireAuthorization();
        group.MapGet("", GetProfile).WithName("GetMyProfile")
            .WithSummary("The caller's profile: identity, taste vector as named axes, vote count and roles.");
        group.MapPatch("", UpdateProfile).WithName("UpdateMyProfile")
            .WithSummary("Change displayName and/or avatarUrl (an empty avatarUrl removes it).")
            .ProducesValidationProblem();
        group.MapGet("/votes", ListVotes).WithName("ListMyVotes")
            .WithSummary("The caller's votes, newest first.")
            .ProducesValidationProblem();
        group.MapGet("/recommendations", GetRecommendations).WithName("GetMyRecommendations")
            .WithSummary("The sounds nearest to the caller's taste (pgvector cosine similarity); the newest sounds while the taste is zero.")
            .ProducesValidationProblem();
        group.MapPost("/credentials", AttachCredentials).WithName("AttachCredentials")
            .WithSummary("Keep my taste: give the signed-in guest an e-mail and password. Same user id, votes and taste; new tokens with isAnonymous false. 409 when the e-mail is taken or the caller is not a guest.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .OwnAccountsOnly(app.ServiceProvider);
        return app;
    }

    private static async Task<Ok<MyProfileDto>> GetProfile(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetMyProfileQuery(), cancellationToken));

    private static async Task<Ok<MyProfileDto>> UpdateProfile(UpdateMyProfileCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));

    private static async Task<Ok<AuthTokensDto>> AttachCredentials(AttachCredentialsCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));

    private static async Task<Ok<PagedResult<MyVoteDto>>> ListVotes(
        IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await mediator.Send(new ListMyVotesQuery(page, pageSize), cancellationToken));

    private static async Task<Ok<MyRecommendationsDto>> GetRecommendations(IMediator mediator, CancellationToken cancellationToken, int limit = 10) =>
        TypedResults.Ok(await mediator.Send(new GetMyRecommendationsQuery(limit), cancellationToken));
}
