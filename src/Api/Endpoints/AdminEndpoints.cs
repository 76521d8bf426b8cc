using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Identity.GrantRole;
using Soundscape.Application.Identity.ListRoles;
using Soundscape.Application.Identity.RevokeRole;
using Soundscape.Application.Library.ReanalyseLibrary;
using Soundscape.Api.Security;

namespace Soundscape.Api.Endpoints;

internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/roles").WithTags("Admin").RequireAuthorization();
        group.MapGet("", ListRoles).WithName("ListRoles").WithSummary("Every role assignment. Admins only.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", GrantRole).WithName("GrantRole")
            .WithSummary("Give the account with this e-mail a role (admin | manager). Admins only; granting a held role changes nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{userId:guid}/{role}", RevokeRole).WithName("RevokeRole")
            .WithSummary("Take a role away. Admins only; nobody can revoke their own admin role.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        // The admin check is a policy, so a refused caller never starts the (long) analysis.
        app.MapGroup("/api/admin/library").WithTags("Admin").RequireAuthorization(RolePolicies.Admin)
            .MapPost("/reanalysis", Reanalyse).WithName("ReanalyseLibrary")
            .WithSummary("Measure every sound again with the current analyzer and keep the new calculated embeddings; overrides keep ranking. "
                + "Answers how many moved and by how much, and which could not be read. Admins only; takes about a second per sound.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Ok<ReanalysisReport>> Reanalyse(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ReanalyseLibraryCommand(), cancellationToken));

    private static async Task<Ok<IReadOnlyList<RoleAssignmentDto>>> ListRoles(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListRolesQuery(), cancellationToken));

    private static async Task<Created<RoleAssignmentDto>> GrantRole(GrantRoleCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        var assignment = await mediator.Send(command, cancellationToken);
        return TypedResults.Created($"/api/admin/roles/{assignment.UserId}/{assignment.Role}", assignment);
    }

    private static async Task<NoContent> RevokeRole(Guid userId, string role, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new RevokeRoleCommand(userId, role), cancellationToken);
        return TypedResults.NoContent();
    }
}
