using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;

namespace Soundscape.Application.Identity.AttachCredentials;

/// <summary>
/// "Keep my taste": the signed-in guest gets an e-mail and password. The account keeps its id, so its profile, votes
/// and taste stay; no second account is made. 409 when the caller is not a guest or the e-mail is taken.
/// </summary>
[SignedIn]
public sealed record AttachCredentialsCommand(string Email, string Password) : IRequest<AuthTokensDto>;

internal sealed class AttachCredentialsValidator : AbstractValidator<AttachCredentialsCommand>
{
    public AttachCredentialsValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).NewPassword();
    }
}

/// <remarks>Over the service role: the API's role neither reads nor updates auth.users' password hash.</remarks>
internal sealed class AttachCredentialsHandler(
    IServiceDatabase serviceDatabase, IPasswordHasher hasher, SignInTokens tokens, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<AttachCredentialsCommand, AuthTokensDto>
{
    public async Task<AuthTokensDto> Handle(AttachCredentialsCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        await using var db = serviceDatabase.CreateContext();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken)
                   ?? throw new NotFoundException("Account", userId);
        if (!user.IsAnonymous)
            throw new ConflictException("This account already has an e-mail address and password; only a guest account can keep its taste this way.");
        var key = CredentialRules.Normalize(request.Email);
        // The unique index on email_key settles a race; this gives the common case a clear answer.
        if (await db.Users.AnyAsync(u => u.EmailKey == key, cancellationToken))
            throw new ConflictException("An account with this e-mail address already exists.");

        user.AttachCredentials(request.Email.Trim(), hasher.Hash(request.Password), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await tokens.IssueAsync(user, cancellationToken);
    }
}
