using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Listeners.GetMyProfile;
using Soundscape.Domain.Listeners;

namespace Soundscape.Application.Listeners.UpdateMyProfile;

/// <summary>
/// Changes the caller's display name and/or avatar. A field left out (or null) stays as it is; an empty
/// avatarUrl removes the avatar.
/// </summary>
[SignedIn]
public sealed record UpdateMyProfileCommand(string? DisplayName, string? AvatarUrl) : IRequest<MyProfileDto>;

internal sealed class UpdateMyProfileValidator : AbstractValidator<UpdateMyProfileCommand>
{
    public UpdateMyProfileValidator()
    {
        RuleFor(c => c).Must(c => c.DisplayName is not null || c.AvatarUrl is not null)
            .OverridePropertyName("body").WithMessage("Send displayName, avatarUrl or both.");
        When(c => c.DisplayName is not null, () =>
            RuleFor(c => c.DisplayName!).Cascade(CascadeMode.Stop)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("displayName must not be empty.")
                .Must(n => n.Trim().Length <= Profile.MaxDisplayNameLength)
                .WithMessage($"displayName must be at most {Profile.MaxDisplayNameLength} characters."));
        When(c => !string.IsNullOrEmpty(c.AvatarUrl), () =>
            RuleFor(c => c.AvatarUrl!).Cascade(CascadeMode.Stop)
                .MaximumLength(Profile.MaxAvatarUrlLength).WithMessage($"avatarUrl must be at most {Profile.MaxAvatarUrlLength} characters.")
                .Must(BeAnHttpUrl).WithMessage("avatarUrl must be an absolute http or https URL."));
    }

    private static bool BeAnHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

internal sealed class UpdateMyProfileHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<UpdateMyProfileCommand, MyProfileDto>
{
    public async Task<MyProfileDto> Handle(UpdateMyProfileCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.Id == userId, cancellationToken)
                      ?? throw new NotFoundException("Profile", userId);
        var now = clock.GetUtcNow();
        if (request.DisplayName is not null)
            profile.Rename(request.DisplayName, now);
        if (request.AvatarUrl is not null)
            profile.ChangeAvatar(request.AvatarUrl.Length == 0 ? null : request.AvatarUrl, now);
        await db.SaveChangesAsync(cancellationToken);
        return await GetMyProfileHandler.LoadAsync(db, userId, cancellationToken);
    }
}
