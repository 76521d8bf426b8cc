using MediatR;
using Soundscape.Api.Abuse;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Identity.IssueToken;
using Soundscape.Application.Identity.SignUp;

namespace Soundscape.Api.Endpoints;

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        // Every endpoint here writes without a token: counted per client address (and, where an account is named, per account).
        var group = app.MapGroup("/api/auth").WithTags("Auth").RequireRateLimiting(AbuseProtection.AnonymousWritePolicy);
        group.MapPost("/signup", SignUp)
            .WithName("SignUp")
            .WithSummary("Create an account (with a zero taste vector) and receive an access token.")
            .RequireAccountRateLimit()
            .LimitsPasswordHashing()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/token", IssueToken)
            .WithName("IssueToken")
            .WithSummary("Exchange e-mail and password for an access token. Repeated wrong passwords lock the account for a while (429 with Retry-After).")
            .RequireAccountRateLimit()
            .LimitsPasswordHashing()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Created<SignUpResult>> SignUp(SignUpCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/me", await mediator.Send(command, cancellationToken));

    private static async Task<Ok<IssueTokenResult>> IssueToken(IssueTokenCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));
}
