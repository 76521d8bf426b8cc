using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Soundscape.Api.Security;

/// <summary>
/// Reads a bare JSON Web Key Set (RFC 7517, <c>{"keys":[…]}</c>) into the configuration type the JwtBearer handler
/// consumes, so that <see cref="ConfigurationManager{T}"/> does the caching, the periodic refresh and the refresh on
/// an unknown <c>kid</c>. Supabase publishes such a set but is not known to serve OpenID Connect discovery, which the
/// library's own retriever needs.
/// </summary>
internal sealed class JsonWebKeySetRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    /// <summary>Fetches <paramref name="address"/> and parses it with <see cref="JsonWebKeySet"/>.</summary>
    /// <exception cref="ArgumentException">The document is not a JSON Web Key Set (thrown by <see cref="JsonWebKeySet"/>).</exception>
    /// <exception cref="IOException">The document could not be fetched (thrown by the <see cref="IDocumentRetriever"/>).</exception>
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var document = await retriever.GetDocumentAsync(address, cancel);
        var keys = new JsonWebKeySet(document);
        var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
        // GetSigningKeys turns each usable JWK into an RSA or ECDsa key with its kid; keys it cannot use are left out.
        foreach (var key in keys.GetSigningKeys())
            configuration.SigningKeys.Add(key);
        return configuration;
    }
}
