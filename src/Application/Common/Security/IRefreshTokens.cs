namespace Soundscape.Application.Common.Security;

/// <summary>The user a refresh token belonged to, and the token that replaces it.</summary>
public sealed record RefreshTokenGrant(Guid UserId, string RefreshToken);

/// <summary>
/// Rotating refresh tokens (32 random bytes, base64url). Only their SHA-256 is stored, by the service role; the app
/// role cannot read the table. Each sign-in starts a family; a rotation replaces the presented token with a new one
/// of the same family, and presenting a replaced token again (reuse: a copy was stolen, or a client is confused)
/// revokes the whole family.
/// </summary>
public interface IRefreshTokens
{
    /// <summary>A new token starting a new family for <paramref name="userId"/>.</summary>
    Task<string> IssueAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Exchanges a live token for its successor and records the user's activity.</summary>
    /// <exception cref="Exceptions.UnauthorizedException">Unknown, expired, revoked or reused (the family is then revoked).</exception>
    Task<RefreshTokenGrant> RotateAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes the token's family; an unknown token is ignored.</summary>
    Task RevokeAsync(string refreshToken, CancellationToken cancellationToken);
}
