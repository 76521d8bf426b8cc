using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Identity.GrantRole;
using Soundscape.Application.Identity.ListRoles;
using Soundscape.Application.Identity.RevokeRole;

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
        return app;
    }

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
