using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Identity.IssueToken;
using Soundscape.Application.Identity.SignUp;

namespace Soundscape.Api.Endpoints;

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/signup", SignUp)
            .WithName("SignUp")
            .WithSummary("Create an account (with a zero taste vector) and receive an access token.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/token", IssueToken)
            .WithName("IssueToken")
            .WithSummary("Exchange e-mail and password for an access token. Repeated wrong passwords lock the account for a while (429 with Retry-After).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Created<SignUpResult>> SignUp(SignUpCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Created("/api/me", await mediator.Send(command, cancellationToken));

    private static async Task<Ok<IssueTokenResult>> IssueToken(IssueTokenCommand command, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(command, cancellationToken));
}
