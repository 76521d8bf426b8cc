using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Soundscape.Application.Common.Security;

namespace Soundscape.Infrastructure.Identity;

/// <summary>
/// Signs the API's access tokens: HS256, sub = user id, email (absent for a guest), is_anonymous (a JSON boolean, as
/// Supabase's tokens carry it), validated by the JwtBearer handler.
/// </summary>
internal sealed class JwtTokenService(JwtOptions options, TimeProvider clock) : ITokenService
{
    public const string AnonymousClaim = "is_anonymous";

    private readonly JsonWebTokenHandler _handler = new();

    public AccessToken Issue(Guid userId, string? email, bool isAnonymous = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Claim> claims =
        [
            new(JwtRegisteredClaimNames.Sub, userId.ToString()),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(AnonymousClaim, isAnonymous ? "true" : "false", ClaimValueTypes.Boolean),
        ];
        if (email is not null)
            claims.Add(new Claim(JwtRegisteredClaimNames.Email, email));
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.AccessTokenLifetime,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(options.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, (int)options.AccessTokenLifetime.TotalSeconds);
    }
}
