using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;

namespace Soundscape.Application.Identity.IssueToken;

/// <summary>Exchanges an e-mail and password for an access token (the password grant of the API's own issuer).</summary>
public sealed record IssueTokenCommand(string Email, string Password) : IRequest<IssueTokenResult>;

public sealed record IssueTokenResult(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

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
    IApplicationDbContext db, IPasswordHasher hasher, ITokenService tokens, SignInLockoutOptions lockout, TimeProvider clock)
    : IRequestHandler<IssueTokenCommand, IssueTokenResult>
{
    // One message for an unknown e-mail and a wrong password, so the answer does not reveal which accounts exist.
    private const string WrongCredentials = "The e-mail address or password is wrong.";

    // Verifying against a real hash for unknown e-mails keeps both failures equally slow.
    private static string? _decoyHash;

    public async Task<IssueTokenResult> Handle(IssueTokenCommand request, CancellationToken cancellationToken)
    {
        var key = CredentialRules.Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.EmailKey == key, cancellationToken);
        var now = clock.GetUtcNow();
        if (user is null)
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

        var token = tokens.Issue(user.Id, user.Email);
        return new IssueTokenResult(token.Token, token.ExpiresInSeconds);
    }

    private static TooManyAttemptsException Locked(TimeSpan retryAfter) =>
        new("Too many wrong passwords: this account is locked for a while.", retryAfter);
}
