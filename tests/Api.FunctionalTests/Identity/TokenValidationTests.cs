using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Soundscape.Api.FunctionalTests.Identity;

/// <summary>The JwtBearer handler refuses every token it should, and accepts the configured external issuer's.</summary>
public sealed class TokenValidationTests : ListenerApiTest
{
    [Test]
    public async Task ProtectedEndpoint_WithoutAToken_Returns401Problem()
    {
        await ShouldBeProblemAsync(await Client.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ProtectedEndpoint_WithAnExpiredToken_Returns401()
    {
        var ada = await SignUpAsync("ada");
        var token = Sign(ada.Id, "soundscape", "soundscape-api", SoundscapeApiFactory.SigningKey, DateTime.UtcNow.AddHours(-2), TimeSpan.FromHours(1));

        await ShouldBeProblemAsync(await ClientWithToken(token).GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ProtectedEndpoint_WithATokenSignedByAnotherKey_Returns401()
    {
        var ada = await SignUpAsync("ada");
        var forged = Sign(ada.Id, "soundscape", "soundscape-api", "an-attacker's-key-that-is-long-enough-0123", DateTime.UtcNow, TimeSpan.FromHours(1));

        await ShouldBeProblemAsync(await ClientWithToken(forged).GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ProtectedEndpoint_WithATamperedSubject_Returns401()
    {
        var ada = await SignUpAsync("ada");
        var bob = await SignUpAsync("bob");
        var parts = ada.Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(ada.Id.ToString(), bob.Id.ToString());
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        await ShouldBeProblemAsync(await ClientWithToken(tampered).GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ProtectedEndpoint_WithASubjectThatIsNotAUserId_Returns401()
    {
        var token = Sign(null, "soundscape", "soundscape-api", SoundscapeApiFactory.SigningKey, DateTime.UtcNow, TimeSpan.FromHours(1), subject: "not-a-uuid");

        await ShouldBeProblemAsync(await ClientWithToken(token).GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ProtectedEndpoint_WithGarbageInsteadOfAToken_Returns401()
    {
        await ShouldBeProblemAsync(await ClientWithToken("not.a.jwt").GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ExternalIssuersToken_ForAnExistingUser_IsAccepted()
    {
        var ada = await SignUpAsync("ada");
        var token = Sign(ada.Id, SoundscapeApiFactory.ExternalIssuer, SoundscapeApiFactory.ExternalAudience,
            SoundscapeApiFactory.ExternalSigningKey, DateTime.UtcNow, TimeSpan.FromHours(1));

        var me = await ReadJsonAsync(await ClientWithToken(token).GetAsync("/api/me"), HttpStatusCode.OK);

        me.GetProperty("id").GetGuid().ShouldBe(ada.Id);
    }

    [Test]
    public async Task ExternalIssuersToken_SignedWithOurOwnKeyInsteadOfItsSecret_Returns401()
    {
        var ada = await SignUpAsync("ada");
        var token = Sign(ada.Id, SoundscapeApiFactory.ExternalIssuer, SoundscapeApiFactory.ExternalAudience,
            SoundscapeApiFactory.SigningKey, DateTime.UtcNow, TimeSpan.FromHours(1));

        await ShouldBeProblemAsync(await ClientWithToken(token).GetAsync("/api/me"), HttpStatusCode.Unauthorized);
    }

    private static string Sign(Guid? userId, string issuer, string audience, string key, DateTime issuedAt, TimeSpan lifetime, string? subject = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, subject ?? userId!.Value.ToString())]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
