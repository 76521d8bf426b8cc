using Microsoft.AspNetCore.Authorization;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.Security;

/// <summary>
/// Authorization policies that need a role. They run in the authorization middleware, before the endpoint binds its
/// body, so a caller without the role is refused (403) before an upload is received. The role is read from the roles
/// table per request (<see cref="CallerRoles"/>), as the handlers read it.
/// </summary>
internal static class RolePolicies
{
    public const string Admin = "admin";

    public static AuthorizationBuilder AddRolePolicies(this AuthorizationBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        return builder.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(Role.Admin)));
    }
}

internal sealed record RoleRequirement(Role Role) : IAuthorizationRequirement;

internal sealed class RoleRequirementHandler : AuthorizationHandler<RoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
            return;
        if (await http.RequestServices.GetRequiredService<CallerRoles>().HasAsync(requirement.Role, http.RequestAborted))
            context.Succeed(requirement);
    }
}
