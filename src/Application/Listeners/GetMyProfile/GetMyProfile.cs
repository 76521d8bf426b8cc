using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;

namespace Soundscape.Application.Listeners.GetMyProfile;

/// <summary>The caller's own profile: identity, learned taste as named axes, votes counted, roles held.</summary>
[SignedIn]
public sealed record GetMyProfileQuery : IRequest<MyProfileDto>;

/// <param name="Email">Null for a guest.</param>
/// <param name="IsAnonymous">True for a guest account ("keep my taste" attaches an e-mail and password).</param>
public sealed record MyProfileDto(
    Guid Id, string? Email, string DisplayName, string? AvatarUrl, TasteDto TasteVector, int VoteCount, IReadOnlyList<string> Roles,
    bool IsAnonymous);

internal sealed class GetMyProfileHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IRequestHandler<GetMyProfileQuery, MyProfileDto>
{
    public async Task<MyProfileDto> Handle(GetMyProfileQuery request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        return await LoadAsync(db, userId, cancellationToken);
    }

    internal static async Task<MyProfileDto> LoadAsync(IApplicationDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var row = await (from profile in db.Profiles.AsNoTracking()
                         join user in db.Users.AsNoTracking() on profile.Id equals user.Id
                         where profile.Id == userId
                         select new { Profile = profile, user.Email, user.IsAnonymous })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Profile", userId);
        var roles = await db.Roles.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.Role).ToListAsync(cancellationToken);
        var p = row.Profile;
        return new MyProfileDto(p.Id, row.Email, p.DisplayName, p.AvatarUrl, TasteDto.From(p.PreferenceVector), p.VoteCount,
            roles.Select(RoleNames.Name).Order(StringComparer.Ordinal).ToList(), row.IsAnonymous);
    }
}
