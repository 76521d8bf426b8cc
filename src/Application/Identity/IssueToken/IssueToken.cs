using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;

namespace Soundscape.Application.Identity.IssueToken;

/// <summary>Exchanges an e-mail and password for an access token (the password grant of the API's own issuer).</summary>
public sealed record IssueTokenCommand(string Email, string Password) : IRequest<AuthTokensDto>;

internal sealed class IssueTokenValidator : AbstractValidator<IssueTokenCommand>
{
    public IssueTokenValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("password is required.")
            .MaximumLength(CredentialRules.MaxPasswordLength).WithMessage($"password must be at most {CredentialRules.MaxPasswordLength} characters.");
    }
}

internal sealed class IssueTokenHandler(
    IApplicationDbContext db, IPasswordHasher hasher, SignInTokens tokens, SignInLockoutOptions lockout, TimeProvider clock)
    : IRequestHandler<IssueTokenCommand, AuthTokensDto>
{
    // One message for an unknown e-mail and a wrong password, so the answer does not reveal which accounts exist.
    private const string WrongCredentials = "The e-mail address or password is wrong.";

    // Verifying against a real hash for unknown e-mails keeps both failures equally slow.
    private static string? _decoyHash;

    public async Task<AuthTokensDto> Handle(IssueTokenCommand request, CancellationToken cancellationToken)
    {
        var key = CredentialRules.Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email!.ToLower() == key, cancellationToken);
        var now = clock.GetUtcNow();
        // A guest has no password (and no e-mail), so it is never found here.
        if (user?.PasswordHash is null)
        {
            _decoyHash ??= hasher.Hash(Guid.NewGuid().ToString("N"));
            hasher.Verify(_decoyHash, request.Password);
            throw new UnauthorizedException(WrongCredentials);
        }

        if (user.IsLockedAt(now))
            throw Locked(user.LockedUntil!.Value - now);

        var check = hasher.Verify(user.PasswordHash, request.Password);
        if (check == PasswordCheck.Failed)
        {
            user.RecordFailedSignIn(now, lockout.MaxFailures, lockout.Duration);
            await db.SaveChangesAsync(cancellationToken);
            if (user.IsLockedAt(now))
                throw Locked(lockout.Duration);
            throw new UnauthorizedException(WrongCredentials);
        }

        if (check == PasswordCheck.SucceededButRehashNeeded)
            user.ChangePasswordHash(hasher.Hash(request.Password));
        user.RecordSignIn(now);
        await db.SaveChangesAsync(cancellationToken);

        return await tokens.IssueAsync(user, cancellationToken);
    }

    private static TooManyAttemptsException Locked(TimeSpan retryAfter) =>
        new("Too many wrong passwords: this account is locked for a while.", retryAfter);
}
