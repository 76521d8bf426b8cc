using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Identity.GrantRole;

/// <summary>Gives the account with this e-mail the role ("admin" or "manager"). Admins only, or a host command.</summary>
[RequiresRole(Domain.Identity.Role.Admin)] // qualified: the record's own Role property hides the enum here
public sealed record GrantRoleCommand(string Email, string Role) : IRequest<RoleAssignmentDto>;

public sealed record RoleAssignmentDto(Guid UserId, string Email, string DisplayName, string Role, DateTimeOffset GrantedAt);

internal sealed class GrantRoleValidator : AbstractValidator<GrantRoleCommand>
{
    public GrantRoleValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Role).Must(r => RoleNames.TryParse(r, out _)).WithMessage("role must be \"admin\" or \"manager\".");
    }
}

internal sealed class GrantRoleHandler(IApplicationDbContext db, TimeProvider clock)
    : IRequestHandler<GrantRoleCommand, RoleAssignmentDto>
{
    public async Task<RoleAssignmentDto> Handle(GrantRoleCommand request, CancellationToken cancellationToken)
    {
        RoleNames.TryParse(request.Role, out var role);
        var key = CredentialRules.Normalize(request.Email);
        var account = await (from user in db.Users
                             join profile in db.Profiles on user.Id equals profile.Id
                             where user.EmailKey == key
                             select new { user.Id, Email = user.Email ?? "", profile.DisplayName }).SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Account with e-mail", request.Email.Trim());

        var existing = await db.Roles.SingleOrDefaultAsync(r => r.UserId == account.Id && r.Role == role, cancellationToken);
        if (existing is null)
        {
            // Granting a role someone already has is not an error: the outcome is the same.
            existing = RoleAssignment.Grant(account.Id, role, clock.GetUtcNow());
            db.Roles.Add(existing);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new RoleAssignmentDto(account.Id, account.Email, account.DisplayName, RoleNames.Name(role), existing.CreatedAt);
    }
}
