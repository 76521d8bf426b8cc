using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Soundscape.Api.FunctionalTests.Supabase;

/// <summary>
/// Auth:External:JwksUri (ADR 0164): the API takes Supabase's published keys from a JSON Web Key Set, served here by a
/// real Kestrel on 127.0.0.1 as Supabase serves <c>/auth/v1/.well-known/jwks.json</c>, and validates ES256 tokens by
/// their <c>kid</c> through the real pipeline. Only the published keys count: unknown kids, other keys, HS256 and
/// unsigned tokens get 401, and a key added to the set is picked up without a restart.
/// </summary>
[NonParallelizable]
public sealed class SupabaseJwksTests : ListenerApiTest
{
    private readonly ECDsa _k1 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _k2 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private LocalJwks _jwks = null!;
    private SoundscapeApiFactory _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _jwks = await LocalJwks.StartAsync(("k1", _k1));
        _api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string>
        {
            ["Auth:External:SigningKey"] = "",
            ["Auth:External:JwksUri"] = _jwks.Uri,
            // The least time between refreshes asked for by unknown kids; short so the rotation test need not wait.
            ["Auth:External:JwksRefreshInterval"] = "00:00:01",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _jwks.DisposeAsync();
        _k1.Dispose();
        _k2.Dispose();
    }

    [Test]
    public async Task SupabaseToken_SignedES256WithAPublishedKid_IsAccepted()
    {
        var ada = await SignUpAsync("ada");

        var me = await ReadJsonAsync(await Send(Mint(ada.Id, LocalJwks.Es256("k1", _k1))), HttpStatusCode.OK);

        me.GetProperty("id").GetGuid().ShouldBe(ada.Id);
        _jwks.Fetches.ShouldBeGreaterThan(0, "the keys came from the served JSON Web Key Set");
    }

    [Test]
    public async Task SupabaseToken_WithAnUnknownKidOrAnotherKey_Returns401()
    {
        var ada = await SignUpAsync("ada");
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await ShouldBeProblemAsync(await Send(Mint(ada.Id, LocalJwks.Es256("k9", _k1))), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await Send(Mint(ada.Id, LocalJwks.Es256("k1", stranger))), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task SupabaseToken_ForgedAsHS256WithThePublicKey_OrUnsigned_Returns401()
    {
        var ada = await SignUpAsync("ada");
        // What an attacker has: the published key's own text, used as an HMAC secret under the same kid.
        var publicJwk = Encoding.UTF8.GetBytes(LocalJwks.KeySet(("k1", _k1)));
        var hs256 = Mint(ada.Id, new SigningCredentials(new SymmetricSecurityKey(publicJwk) { KeyId = "k1" }, SecurityAlgorithms.HmacSha256));
        var signed = Mint(ada.Id, LocalJwks.Es256("k1", _k1)).Split('.');
        var none = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"k1"}""")}.{signed[1]}.";

        await ShouldBeProblemAsync(await Send(hs256), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await Send(none), HttpStatusCode.Unauthorized);
        // The same claims, properly signed, pass: the refusals above are about the signature alone.
        (await Send(Mint(ada.Id, LocalJwks.Es256("k1", _k1)))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task KeyAddedToTheSet_IsAcceptedAfterARefreshOnItsUnknownKid()
    {
        var ada = await SignUpAsync("ada");
        var k2Token = Mint(ada.Id, LocalJwks.Es256("k2", _k2));
        _jwks.Publish(("k1", _k1));
        await ShouldBeProblemAsync(await Send(k2Token), HttpStatusCode.Unauthorized);

        _jwks.Publish(("k1", _k1), ("k2", _k2));
        var fetchesBefore = _jwks.Fetches;
        // Refreshes are at most one a second (JwksRefreshInterval), so the first try may fall inside the last window.
        var status = HttpStatusCode.Unauthorized;
        for (var attempt = 0; attempt < 30 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(200);
            status = (await Send(k2Token)).StatusCode;
        }

        status.ShouldBe(HttpStatusCode.OK);
        _jwks.Fetches.ShouldBeGreaterThan(fetchesBefore, "the unknown kid made the API fetch the set again");
        (await Send(Mint(ada.Id, LocalJwks.Es256("k1", _k1)))).StatusCode.ShouldBe(HttpStatusCode.OK, "k1 is still published");
    }

    [Test]
    public async Task Startup_WithAPlainHttpJwksUriOffLoopback_FailsNamingTheSetting()
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string>
        {
            ["Auth:External:SigningKey"] = "",
            ["Auth:External:JwksUri"] = "http://project.supabase.test/auth/v1/.well-known/jwks.json",
        });

        var error = Should.Throw<Exception>(() => api.CreateClient()).ToString();

        error.ShouldContain("Auth:External:JwksUri must use https");
    }

    [Test]
    public async Task Startup_WithARelativeJwksUri_FailsNamingTheSetting()
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string>
        {
            ["Auth:External:SigningKey"] = "",
            ["Auth:External:JwksUri"] = "/auth/v1/.well-known/jwks.json",
        });

        Should.Throw<Exception>(() => api.CreateClient()).ToString().ShouldContain("Auth:External:JwksUri must be an absolute https URI");
    }

    [Test]
    public async Task Startup_WithBothASigningKeyAndAJwksUri_FailsNamingBoth()
    {
        // The factory's defaults set Auth:External:SigningKey already.
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string> { ["Auth:External:JwksUri"] = _jwks.Uri });

        var error = Should.Throw<Exception>(() => api.CreateClient()).ToString();

        error.ShouldContain("Set only one of");
        error.ShouldContain("Auth:External:SigningKey and Auth:External:JwksUri are set");
    }

    private async Task<HttpResponseMessage> Send(string token)
    {
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/me");
    }

    /// <summary>An access token shaped like Supabase Auth's with its asymmetric keys: ES256, its kid, aud and role "authenticated".</summary>
    private static string Mint(Guid userId, SigningCredentials credentials)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = SoundscapeApiFactory.ExternalIssuer,
            Audience = "authenticated",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString(),
                ["role"] = "authenticated",
                ["email"] = "",
                ["aal"] = "aal1",
                ["session_id"] = Guid.NewGuid().ToString(),
                ["is_anonymous"] = false,
            },
            SigningCredentials = credentials,
        });
    }
}
