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

        public static ExternalIssuerOptions? FromConfiguration(IConfigurationSection section)
        {
            var issuer = NonEmpty(section["Issuer"]);
            if (issuer is null)
                return null;
            var secret = NonEmpty(section["SigningKey"]);
            var authority = NonEmpty(section["Authority"]);
            if (secret is null && authority is null)
                throw new InvalidOperationException("Auth:External needs a SigningKey (shared secret) or an Authority (published keys).");
            return new ExternalIssuerOptions
            {
                Issuer = issuer,
                Audience = NonEmpty(section["Audience"]) ?? "authenticated",
                SigningKey = secret is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
                Authority = authority,
            };
        }
    }
}
