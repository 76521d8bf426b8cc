using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Listeners;

namespace Soundscape.Application.Identity.SignInAsGuest;

/// <summary>
/// One tap at a tag: an anonymous account (Supabase's anonymous sign-in: no e-mail, no password, is_anonymous) with
/// a profile and a zero taste, signed in at once. "Keep my taste" (AttachCredentials) later makes it a full account.
/// </summary>
/// <param name="DisplayName">Optional; "Guest" when absent.</param>
[AnyCaller]
public sealed record SignInAsGuestCommand(string? DisplayName = null) : IRequest<AuthTokensDto>;

internal sealed class SignInAsGuestValidator : AbstractValidator<SignInAsGuestCommand>
{
    public SignInAsGuestValidator()
    {
        RuleFor(c => c.DisplayName!).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("displayName must not be blank (leave it out for \"Guest\").")
            .Must(n => n.Trim().Length <= Profile.MaxDisplayNameLength).WithMessage($"displayName must be at most {Profile.MaxDisplayNameLength} characters.")
            .When(c => c.DisplayName is not null);
    }
}

internal sealed class SignInAsGuestHandler(IApplicationDbContext db, SignInTokens tokens, CurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<SignInAsGuestCommand, AuthTokensDto>
{
    public const string DefaultName = "Guest";

    public async Task<AuthTokensDto> Handle(SignInAsGuestCommand request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var guest = UserAccount.RegisterGuest(now);
        var profile = Profile.Create(guest.Id, request.DisplayName ?? DefaultName, now);
        // The profile's insert policy admits only the caller's own row, so the new guest acts from here on.
        currentUser.Authenticate(guest.Id);
        db.Users.Add(guest);
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return await tokens.IssueAsync(guest, cancellationToken);
    }
}
