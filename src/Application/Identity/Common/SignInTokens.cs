using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Identity.Common;

/// <summary>
/// What every sign-in answers (sign-up, password, guest, keep-my-taste, refresh).
/// </summary>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="RefreshToken">Exchange it at /api/auth/refresh for new tokens; it works once (rotation).</param>
/// <param name="IsAnonymous">True for a guest account (the access token's is_anonymous claim).</param>
public sealed record AuthTokensDto(Guid UserId, string AccessToken, int ExpiresIn, string RefreshToken, bool IsAnonymous, string TokenType = "Bearer");

/// <summary>Issues an access token and a refresh token of a new family for a user who just signed in.</summary>
internal sealed class SignInTokens(ITokenService tokens, IRefreshTokens refreshTokens)
{
    public async Task<AuthTokensDto> IssueAsync(UserAccount user, CancellationToken cancellationToken) =>
        Answer(user, await refreshTokens.IssueAsync(user.Id, cancellationToken));

    /// <summary>The answer for <paramref name="user"/> with a refresh token already issued.</summary>
    public AuthTokensDto Answer(UserAccount user, string refreshToken)
    {
        var access = tokens.Issue(user.Id, user.Email, user.IsAnonymous);
        return new AuthTokensDto(user.Id, access.Token, access.ExpiresInSeconds, refreshToken, user.IsAnonymous);
    }
}
