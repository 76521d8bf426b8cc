using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using Soundscape.Application.Common.Configuration;

namespace Soundscape.Infrastructure.Identity;

/// <summary>
/// The API's own token issuer ("Auth:Jwt") and, optionally, an external one it also trusts ("Auth:External"),
/// such as Supabase Auth with its JWT secret or its signing keys.
/// </summary>
public sealed class JwtOptions
{
    public const int MinimumKeyBytes = 32;

    public required string Issuer { get; init; }

    public required string Audience { get; init; }

    public required SymmetricSecurityKey SigningKey { get; init; }

    public required TimeSpan AccessTokenLifetime { get; init; }

    /// <summary>True when no key was configured and one was made up for this process: tokens die with it.</summary>
    public bool KeyIsEphemeral { get; init; }

    public ExternalIssuerOptions? External { get; init; }

    public static JwtOptions FromConfiguration(IConfiguration configuration)
    {
        var section = StrictBinding.Read<OwnIssuerSettings>(configuration.GetSection("Auth:Jwt"));
        var configuredKey = section.SigningKey;
        var ephemeral = string.IsNullOrWhiteSpace(configuredKey);
        var keyBytes = ephemeral ? RandomNumberGenerator.GetBytes(MinimumKeyBytes) : Encoding.UTF8.GetBytes(configuredKey!);
        if (keyBytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException($"Auth:Jwt:SigningKey must be at least {MinimumKeyBytes} bytes long (HS256).");
        return new JwtOptions
        {
            Issuer = NonEmpty(section.Issuer) ?? "soundscape",
            Audience = NonEmpty(section.Audience) ?? "soundscape-api",
            SigningKey = new SymmetricSecurityKey(keyBytes),
            AccessTokenLifetime = section.AccessTokenLifetime,
            KeyIsEphemeral = ephemeral,
            External = ExternalIssuerOptions.FromConfiguration(configuration.GetSection("Auth:External")),
        };
    }

    /// <summary>The raw "Auth:Jwt" settings, bound and checked by <see cref="StrictBinding"/>.</summary>
    public sealed class OwnIssuerSettings
    {
        public string? Issuer { get; init; }

        public string? Audience { get; init; }

        public string? SigningKey { get; init; }

        [Between("00:00:01", "30.00:00:00")]
        public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An external issuer: tokens with its <see cref="Issuer"/> are validated with its secret or its published keys.</summary>
    public sealed class ExternalIssuerOptions
    {
        public required string Issuer { get; init; }

        /// <summary>Supabase puts "authenticated" here.</summary>
        public required string Audience { get; init; }

        /// <summary>A shared HS256 secret (Supabase's legacy JWT secret).</summary>
        public SymmetricSecurityKey? SigningKey { get; init; }

        /// <summary>Where OpenID Connect metadata with the signing keys is published, when there is no shared secret.</summary>
        public string? Authority { get; init; }

        /// <summary>
        /// A JSON Web Key Set (RFC 7517) with the issuer's public keys, chosen by the token's <c>kid</c>: Supabase
        /// publishes one at <c>https://&lt;project&gt;.supabase.co/auth/v1/.well-known/jwks.json</c>. Absolute https;
        /// http only for a loopback host.
        /// </summary>
        public Uri? JwksUri { get; init; }

        /// <summary>
        /// The least time between two fetches of <see cref="JwksUri"/> asked for by a token with an unknown <c>kid</c>
        /// (so a flood of such tokens cannot make the API hammer the issuer); 1 second to 1 day, default 5 minutes.
        /// </summary>
        public TimeSpan JwksRefreshInterval { get; init; } = DefaultJwksRefreshInterval;

        public static readonly TimeSpan DefaultJwksRefreshInterval = TimeSpan.FromMinutes(5);

        /// <summary>Reads "Auth:External"; null when it names no issuer.</summary>
        /// <exception cref="InvalidOperationException">Not exactly one of SigningKey, Authority and JwksUri is set, or a value is malformed; the message names the key.</exception>
        public static ExternalIssuerOptions? FromConfiguration(IConfigurationSection section)
        {
            var issuer = NonEmpty(section["Issuer"]);
            if (issuer is null)
                return null;
            var secret = NonEmpty(section["SigningKey"]);
            var authority = NonEmpty(section["Authority"]);
            var jwks = NonEmpty(section["JwksUri"]);
            var chosen = (secret is null ? 0 : 1) + (authority is null ? 0 : 1) + (jwks is null ? 0 : 1);
            if (chosen == 0)
                throw new InvalidOperationException(
                    "Auth:External needs one of Auth:External:SigningKey (shared HS256 secret), Auth:External:Authority (OpenID Connect discovery) " +
                    "or Auth:External:JwksUri (published keys).");
            if (chosen > 1)
                throw new InvalidOperationException(
                    "Set only one of Auth:External:SigningKey, Auth:External:Authority and Auth:External:JwksUri: " +
                    $"{string.Join(" and ", new[] { ("SigningKey", secret), ("Authority", authority), ("JwksUri", jwks) }.Where(p => p.Item2 is not null).Select(p => "Auth:External:" + p.Item1))} are set.");
            return new ExternalIssuerOptions
            {
                Issuer = issuer,
                Audience = NonEmpty(section["Audience"]) ?? "authenticated",
                SigningKey = secret is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
                Authority = authority,
                JwksUri = jwks is null ? null : ParseJwksUri(jwks),
                JwksRefreshInterval = ParseRefreshInterval(NonEmpty(section["JwksRefreshInterval"])),
            };
        }

        private static Uri ParseJwksUri(string value)
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new InvalidOperationException($"Auth:External:JwksUri must be an absolute https URI (got '{value}').");
            // Keys fetched over plain http could be swapped on the way; only this machine's own loopback is trusted so.
            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
                throw new InvalidOperationException($"Auth:External:JwksUri must use https; http is allowed only for a loopback host (got '{value}').");
            return uri;
        }

        private static TimeSpan ParseRefreshInterval(string? value)
        {
            if (value is null)
                return DefaultJwksRefreshInterval;
            if (!TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var interval)
                || interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(1))
                throw new InvalidOperationException($"Auth:External:JwksRefreshInterval must be from 00:00:01 to 1.00:00:00 (default 00:05:00; got '{value}').");
            return interval;
        }
    }
}
