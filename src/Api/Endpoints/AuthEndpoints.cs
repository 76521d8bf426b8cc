using MediatR;
using Soundscape.Api.Abuse;
using Soundscape.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Identity.Common;
using Soundscape.Application.Identity.IssueToken;
using Soundscape.Application.Identity.RefreshSession;
using Soundscape.Application.Identity.SignInAsGuest;
using Soundscape.Application.Identity.SignOut;
using Soundscape.Application.Identity.SignUp;

namespace Soundscape.Api.Endpoints;

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        // Every endpoint here writes without a token: counted per client address (and, where an account is named, per account).
        var group = app.MapGroup("/api/auth").WithTags("Auth").RequireRateLimiting(AbuseProtection.AnonymousWritePolicy)
            .OwnAccountsOnly(app.ServiceProvider);
        group.MapPost("/signup", SignUp)
            .WithName("SignUp")
            .WithSummary("Create an account (with a zero taste vector) and receive an access token and a refresh token.")
            .RequireAccountRateLimit()
            .LimitsPasswordHashing()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/token", IssueToken)
            .WithName("IssueToken")
            .WithSummary("Exchange e-mail and password for an access token and a refresh token. Repeated wrong passwords lock the account for a while (429 with Retry-After).")
            .RequireAccountRateLimit()
            .LimitsPasswordHashing()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/guest", SignInAsGuest)
            .WithName("SignInAsGuest")
            .WithSummary("Join as a guest: an anonymous account (is_anonymous claim) with a profile and a zero taste. Optional displayName (default \"Guest\").")
            .ProducesValidationProblem();
        group.MapPost("/refresh", Refresh)
            .WithName("RefreshSession")
            .WithSummary("Exchange a refresh token for new tokens. The presented token stops working (rotation); presenting it again revokes every token of its sign-in (401).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/sign-out", SignOut)
            .WithName("SignOut")
            .WithSummary("Revoke the refresh token (and the tokens it was rotated from). An unknown token also answers 204.")
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<Created<AuthTokensDto>> SignUp(SignUpCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/me", await mediator.Send(command, cancellationToken));

    private static async Task<Ok<AuthTokensDto>> IssueToken(IssueTokenCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));

    // The body is optional: an empty POST is a guest called "Guest".
    private static async Task<Created<AuthTokensDto>> SignInAsGuest(IMediator mediator, CancellationToken cancellationToken, SignInAsGuestCommand? command = null) =>
        TypedResults.Created("/api/me", await mediator.Send(command ?? new SignInAsGuestCommand(), cancellationToken));

    private static async Task<Ok<AuthTokensDto>> Refresh(RefreshSessionCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));

    private static async Task<NoContent> SignOut(SignOutCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        return TypedResults.NoContent();
    }
}
