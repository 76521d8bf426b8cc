using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Listeners;

namespace Soundscape.Application.Identity.SignUp;

/// <summary>Creates an account and its profile (zero taste) and signs the new user in.</summary>
[AnyCaller]
public sealed record SignUpCommand(string Email, string Password, string DisplayName) : IRequest<AuthTokensDto>, IAccountAttempt
{
    string IAccountAttempt.AccountKey => CredentialRules.Normalize(Email ?? "");
}

internal sealed class SignUpValidator : AbstractValidator<SignUpCommand>
{
    public SignUpValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).NewPassword();
        RuleFor(c => c.DisplayName).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("displayName is required.")
            .Must(n => n.Trim().Length <= Profile.MaxDisplayNameLength).WithMessage($"displayName must be at most {Profile.MaxDisplayNameLength} characters.");
    }
}

internal sealed class SignUpHandler(
    IApplicationDbContext db, IPasswordHasher hasher, SignInTokens tokens, CurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<SignUpCommand, AuthTokensDto>
{
    public async Task<AuthTokensDto> Handle(SignUpCommand request, CancellationToken cancellationToken)
    {
        var email = request.Email.Trim();
        var key = CredentialRules.Normalize(email);
        // The unique index on email_key is the real guard; this check gives the common case a clear answer.
        if (await db.Users.AnyAsync(u => u.EmailKey == key, cancellationToken))
            throw new ConflictException("An account with this e-mail address already exists.");

        var now = clock.GetUtcNow();
        var user = UserAccount.Register(email, hasher.Hash(request.Password), now);
        var profile = Profile.Create(user.Id, request.DisplayName, now);
        user.RecordSignIn(now);

        // The profile's insert policy only admits a row whose id is the caller's, so the new user acts from here on.
        currentUser.Authenticate(user.Id);
        db.Users.Add(user);
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(cancellationToken);

        return await tokens.IssueAsync(user, cancellationToken);
    }
}
