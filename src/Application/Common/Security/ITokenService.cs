namespace Soundscape.Application.Common.Security;

public sealed record AccessToken(string Token, int ExpiresInSeconds);

/// <summary>Issues the API's own access tokens (JWT, sub = user id, is_anonymous as Supabase's anonymous sign-ins carry it).</summary>
public interface ITokenService
{
    /// <param name="email">Null for a guest.</param>
    AccessToken Issue(Guid userId, string? email, bool isAnonymous = false);
}
