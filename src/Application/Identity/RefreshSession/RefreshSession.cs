using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;

namespace Soundscape.Application.Identity.RefreshSession;

/// <summary>
/// Exchanges a refresh token for a new access token and a new refresh token (rotation: the presented one stops
/// working). 401 when the token is unknown, expired, revoked or reused; reuse revokes its whole family.
/// </summary>
[AnyCaller]
public sealed record RefreshSessionCommand(string RefreshToken) : IRequest<AuthTokensDto>;

internal sealed class RefreshSessionValidator : AbstractValidator<RefreshSessionCommand>
{
    public RefreshSessionValidator() => RuleFor(c => c.RefreshToken).RefreshToken();
}

internal static class RefreshTokenRules
{
    // Our tokens are 43 characters; anything far longer is not one and is refused before it is hashed.
    public const int MaxLength = 200;

    public static IRuleBuilderOptions<T, string> RefreshToken<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("refreshToken is required.")
            .MaximumLength(MaxLength).WithMessage($"refreshToken must be at most {MaxLength} characters.");
}

// The account is read over the service role: the API's role may not read auth.users' password hash (docs/security.md).
internal sealed class RefreshSessionHandler(IServiceDatabase serviceDatabase, IRefreshTokens refreshTokens, SignInTokens tokens)
    : IRequestHandler<RefreshSessionCommand, AuthTokensDto>
{
    public async Task<AuthTokensDto> Handle(RefreshSessionCommand request, CancellationToken cancellationToken)
    {
        var grant = await refreshTokens.RotateAsync(request.RefreshToken, cancellationToken);
        await using var db = serviceDatabase.CreateContext();
        // Read after the rotation, so a guest who kept their taste meanwhile gets is_anonymous false.
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == grant.UserId, cancellationToken)
                   ?? throw new UnauthorizedException("The account of this refresh token no longer exists.");
        return tokens.Answer(user, grant.RefreshToken);
    }
}
