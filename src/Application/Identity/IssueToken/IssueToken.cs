using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;

namespace Soundscape.Application.Identity.IssueToken;

/// <summary>Exchanges an e-mail and password for an access token (the password grant of the API's own issuer).</summary>
[AnyCaller]
public sealed record IssueTokenCommand(string Email, string Password) : IRequest<AuthTokensDto>, IAccountAttempt
{
    string IAccountAttempt.AccountKey => CredentialRules.Normalize(Email ?? "");
}

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

/// <remarks>
/// The API's database role cannot read password hashes, so the account is read and updated over the service role;
/// the request learns only whether the password was right.
/// </remarks>
internal sealed class IssueTokenHandler(
    IServiceDatabase serviceDatabase, IPasswordHasher hasher, SignInTokens tokens, SignInLockoutOptions lockout, TimeProvider clock)
    : IRequestHandler<IssueTokenCommand, AuthTokensDto>
{
    // One message for an unknown e-mail and a wrong password, so the answer does not reveal which accounts exist.
    private const string WrongCredentials = "The e-mail address or password is wrong.";

    // Verifying against a real hash for unknown e-mails keeps both failures equally slow.
    private static string? _decoyHash;

    public async Task<AuthTokensDto> Handle(IssueTokenCommand request, CancellationToken cancellationToken)
    {
        var key = CredentialRules.Normalize(request.Email);
        await using var db = serviceDatabase.CreateContext();
        var user = await db.Users.SingleOrDefaultAsync(u => u.EmailKey == key, cancellationToken);
        var now = clock.GetUtcNow();
        // A guest has no password (and no e-mail), so it is never found here.
        if (user?.PasswordHash is null)
        {
            _decoyHash ??= hasher.Hash(Guid.NewGuid().ToString("N"));
            hasher.Verify(_decoyHash, request.Password);
            throw new UnauthorizedException(WrongCredentials);
        }

        // The attempt is reserved before the (slow) hash is checked, so parallel guesses cannot overtake the count.
        var reservation = await db.ReserveSignInAttemptAsync(user.Id, lockout.MaxFailures, lockout.Duration, now, cancellationToken);
        if (!reservation.Reserved)
            throw Locked(RetryAfter(reservation.LockedUntil, now, lockout.Duration));

        var check = hasher.Verify(user.PasswordHash, request.Password);
        if (check == PasswordCheck.Failed)
        {
            // Already counted by the reservation; the last one allowed has locked the account.
            if (reservation.LockedUntil is { } until && until > now)
                throw Locked(RetryAfter(until, now, lockout.Duration));
            throw new UnauthorizedException(WrongCredentials);
        }

        await db.RecordSignInAsync(user.Id, now, cancellationToken);
        if (check == PasswordCheck.SucceededButRehashNeeded)
        {
            user.ChangePasswordHash(hasher.Hash(request.Password));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await tokens.IssueAsync(user, cancellationToken);
    }

    // A lock that ended between the reservation and this read still earns a short wait, never a zero; a lock set by a
    // racing request whose clock read was later never asks for more than one lock's duration.
    private static TimeSpan RetryAfter(DateTimeOffset? lockedUntil, DateTimeOffset now, TimeSpan duration) =>
        lockedUntil is { } until && until > now ? TimeSpan.FromTicks(Math.Min((until - now).Ticks, duration.Ticks)) : TimeSpan.FromSeconds(1);

    private static TooManyAttemptsException Locked(TimeSpan retryAfter) =>
        new("Too many wrong passwords: this account is locked for a while.", retryAfter);
}
