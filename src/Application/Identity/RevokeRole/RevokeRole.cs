using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Identity.RevokeRole;

/// <summary>Takes a role away. Admins only; an admin cannot take their own admin role (someone must be left to grant it).</summary>
[RequiresRole(Domain.Identity.Role.Admin)] // qualified: the record's own Role property hides the enum here
public sealed record RevokeRoleCommand(Guid UserId, string Role) : IRequest<Unit>;

internal sealed class RevokeRoleValidator : AbstractValidator<RevokeRoleCommand>
{
    public RevokeRoleValidator() =>
        RuleFor(c => c.Role).Must(r => RoleNames.TryParse(r, out _)).WithMessage("role must be \"admin\" or \"manager\".");
}

internal sealed class RevokeRoleHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IRequestHandler<RevokeRoleCommand, Unit>
{
    public async Task<Unit> Handle(RevokeRoleCommand request, CancellationToken cancellationToken)
    {
        RoleNames.TryParse(request.Role, out var role);
        if (role == Role.Admin && request.UserId == currentUser.Id)
            throw new ConflictException("You cannot revoke your own admin role.");
        var assignment = await db.Roles.SingleOrDefaultAsync(r => r.UserId == request.UserId && r.Role == role, cancellationToken)
                         ?? throw new NotFoundException($"Role '{RoleNames.Name(role)}' of user", request.UserId);
        db.Roles.Remove(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
