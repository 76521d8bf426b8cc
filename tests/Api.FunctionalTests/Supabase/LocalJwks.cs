using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Soundscape.Api.FunctionalTests.Supabase;

/// <summary>
/// A real Kestrel on 127.0.0.1 (a free port) serving a JSON Web Key Set at <c>/auth/v1/.well-known/jwks.json</c>, as
/// Supabase Auth publishes its signing keys. <see cref="Publish"/> swaps the set, as a key rotation does.
/// </summary>
public sealed class LocalJwks : IAsyncDisposable
{
    private readonly WebApplication _server;
    private volatile string _published;
    private int _fetches;

    private LocalJwks(WebApplication server, string published)
    {
        _server = server;
        _published = published;
    }

    /// <summary>The set's absolute http URI on the loopback host.</summary>
    public string Uri { get; private set; } = "";

    /// <summary>How many times the set has been fetched.</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<LocalJwks> StartAsync(params (string Kid, ECDsa Key)[] keys)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var jwks = new LocalJwks(builder.Build(), KeySet(keys));
        jwks._server.MapGet("/auth/v1/.well-known/jwks.json", () =>
        {
            Interlocked.Increment(ref jwks._fetches);
            return Results.Text(jwks._published, "application/json");
        });
        await jwks._server.StartAsync();
        var address = jwks._server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        jwks.Uri = $"{address}/auth/v1/.well-known/jwks.json";
        return jwks;
    }

    public void Publish(params (string Kid, ECDsa Key)[] keys) => _published = KeySet(keys);

    /// <summary>ES256 signing credentials whose token header carries <paramref name="kid"/>.</summary>
    public static SigningCredentials Es256(string kid, ECDsa key) =>
        new(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);

    /// <summary>The public halves of <paramref name="keys"/> as a JSON Web Key Set (RFC 7517/7518: kty EC, crv P-256, x, y).</summary>
    public static string KeySet(params (string Kid, ECDsa Key)[] keys) => JsonSerializer.Serialize(new
    {
        keys = keys.Select(k =>
        {
            var q = k.Key.ExportParameters(includePrivateParameters: false).Q;
            return new Dictionary<string, string>
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["alg"] = "ES256", ["use"] = "sig", ["kid"] = k.Kid,
                ["x"] = Base64UrlEncoder.Encode(q.X!), ["y"] = Base64UrlEncoder.Encode(q.Y!),
            };
        }),
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
