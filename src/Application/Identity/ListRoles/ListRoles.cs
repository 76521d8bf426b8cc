using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.GrantRole;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Identity.ListRoles;

/// <summary>Every role assignment, by e-mail. Admins only.</summary>
[RequiresRole(Role.Admin)]
public sealed record ListRolesQuery : IRequest<IReadOnlyList<RoleAssignmentDto>>;

internal sealed class ListRolesHandler(IApplicationDbContext db)
    : IRequestHandler<ListRolesQuery, IReadOnlyList<RoleAssignmentDto>>
{
    public async Task<IReadOnlyList<RoleAssignmentDto>> Handle(ListRolesQuery request, CancellationToken cancellationToken)
    {
        var rows = await (from r in db.Roles.AsNoTracking()
                          join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                          join p in db.Profiles.AsNoTracking() on r.UserId equals p.Id
                          orderby u.Email, r.Role
                          select new { r.UserId, Email = u.Email ?? "", p.DisplayName, r.Role, r.CreatedAt }).ToListAsync(cancellationToken);
        return rows.Select(r => new RoleAssignmentDto(r.UserId, r.Email, r.DisplayName, RoleNames.Name(r.Role), r.CreatedAt)).ToList();
    }
}
