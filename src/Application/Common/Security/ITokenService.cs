namespace Soundscape.Application.Common.Security;

public sealed record AccessToken(string Token, int ExpiresInSeconds);

/// <summary>Issues the API's own access tokens (JWT, sub = user id).</summary>
public interface ITokenService
{
    AccessToken Issue(Guid userId, string email);
}
