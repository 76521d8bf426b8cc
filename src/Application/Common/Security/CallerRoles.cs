using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Application.Common.Naming;

namespace Soundscape.Application.Common.Security;

/// <summary>
/// The caller's roles, looked up once per request from the roles table (so a revoked role takes effect at once,
/// not when a token expires). The database enforces the same rules through public.has_role().
/// </summary>
public sealed class CallerRoles(IApplicationDbContext db, ICurrentUser currentUser)
{
    private IReadOnlySet<Role>? _roles;

    public async Task<bool> HasAsync(Role role, CancellationToken cancellationToken)
    {
        if (currentUser.IsService)
            return true;
        if (currentUser.Id is not { } id)
            return false;
        _roles ??= (await db.Roles.AsNoTracking().Where(r => r.UserId == id).Select(r => r.Role).ToListAsync(cancellationToken)).ToHashSet();
        return _roles.Contains(role);
    }

    /// <summary>Passes when the caller holds any of <paramref name="roles"/>; 401 when anonymous, 403 otherwise.</summary>
    public async Task RequireAnyAsync(CancellationToken cancellationToken, params Role[] roles)
    {
        if (!currentUser.IsService)
            currentUser.RequireId();
        foreach (var role in roles)
        {
            if (await HasAsync(role, cancellationToken))
                return;
        }
        throw new ForbiddenAccessException($"This needs the {string.Join(" or ", roles.Select(RoleNames.Name))} role.");
    }
}

public static class RoleNames
{
    public static string Name(Role role) => WireNames.Lower(role);

    public static bool TryParse(string? value, out Role role) => WireNames.TryParseLower(value, out role);
}
