using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Soundscape.Application.Devices.Common;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Soundscape.Application.Common.Security;
using Soundscape.Infrastructure.Identity;
using Soundscape.Infrastructure.Identity.Supabase;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Api.Security;

/// <summary>
/// Bearer tokens through the JwtBearer handler: the API's own issuer always, and an external issuer (Supabase
/// Auth, say) when configured. A policy scheme looks at the token's "iss" and forwards to the matching handler,
/// which does the real validation.
/// </summary>
internal static class AuthenticationSetup
{
    public const string BearerScheme = "Bearer";
    private const string OwnScheme = "Soundscape";
    private const string ExternalScheme = "External";

    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var authentication = services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "Bearer (own or external issuer)", options =>
                options.ForwardDefaultSelector = context =>
                    IsExternal(context, context.RequestServices.GetRequiredService<JwtOptions>()) ? ExternalScheme : OwnScheme)
            .AddJwtBearer(OwnScheme)
            .AddScheme<AuthenticationSchemeOptions, DeviceAuthenticationHandler>(DeviceProtocol.Scheme, null);
        // The options come from the one JwtOptions instance in DI, so an ephemeral key signs and validates alike.
        services.AddOptions<JwtBearerOptions>(OwnScheme)
            .Configure<JwtOptions>((options, jwt) => Configure(options, jwt.Issuer, jwt.Audience, jwt.SigningKey, external: false));

        if (!string.IsNullOrWhiteSpace(configuration["Auth:External:Issuer"]))
        {
            authentication.AddJwtBearer(ExternalScheme);
            services.AddOptions<JwtBearerOptions>(ExternalScheme).Configure<JwtOptions>((options, jwt) =>
            {
                var external = jwt.External!;
                Configure(options, external.Issuer, external.Audience, external.SigningKey, external: true);
                if (external.JwksUri is { } jwks)
                {
                    // Published keys only: asymmetric algorithms, so neither an HS256 token "signed" with a public key
                    // nor an unsigned one (RequireSignedTokens stays on) gets through.
                    options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];
                    // The kid must name a published key: a token under a kid the set lacks is refused (after a refresh),
                    // not checked against every other key.
                    options.TokenValidationParameters.TryAllIssuerSigningKeys = false;
                    options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                        jwks.AbsoluteUri, new JsonWebKeySetRetriever(), new HttpDocumentRetriever { RequireHttps = jwks.Scheme == Uri.UriSchemeHttps })
                    {
                        RefreshInterval = external.JwksRefreshInterval,
                    };
                }
                else if (external.SigningKey is null)
                    options.Authority = external.Authority;
            });
        }

        services.AddAuthorizationBuilder().AddRolePolicies();
        return services;
    }

    /// <summary>Makes the validated caller the request's <see cref="CurrentUser"/>, which row-level security then sees.</summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && Guid.TryParse(context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id))
            context.RequestServices.GetRequiredService<CurrentUser>().Authenticate(id);
        await next(context);
    });

    /// <summary>The claim Supabase Auth puts the database role in: <c>authenticated</c> for users (anonymous ones too), <c>anon</c> for the public key.</summary>
    public const string RoleClaim = "role";

    private static void Configure(JwtBearerOptions options, string issuer, string audience, SecurityKey? key, bool external)
    {
        // Keep "sub" as "sub": the user id is read from it, and Supabase's tokens use the same name.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKey = key,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = key is null ? null : [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = JwtRegisteredClaimNames.Sub,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                // An external issuer's role claim says who the bearer is: "anon" (Supabase's public key) is nobody in
                // particular, so the request goes on anonymously; only "authenticated" names a user.
                if (external && context.Principal?.FindFirst(RoleClaim)?.Value is { } role && role != "authenticated")
                {
                    if (role == "anon")
                        context.NoResult();
                    else
                        context.Fail($"Tokens with the role '{role}' do not name a listener.");
                    return;
                }
                // Every row the caller owns is keyed by a uuid; a token whose subject is not one names nobody here.
                if (!Guid.TryParse(context.Principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id) || id == Guid.Empty)
                {
                    context.Fail("The token's subject is not a user id.");
                    return;
                }
                // Supabase mode: the first request of a Supabase user creates their profile (ADR 0161).
                if (external && context.HttpContext.RequestServices.GetService<SupabaseAccounts>() is { } accounts)
                {
                    var principal = context.Principal!;
                    var caller = new SupabaseCaller(
                        id,
                        principal.FindFirst(JwtRegisteredClaimNames.Email)?.Value,
                        principal.FindFirst("is_anonymous")?.Value is "true" or "True",
                        principal.FindFirst("user_metadata")?.Value);
                    if (!await accounts.EnsureAsync(caller, context.HttpContext.RequestAborted))
                        context.Fail("Supabase Auth has no such user any more.");
                }
            },
        };
    }

    private static bool IsExternal(HttpContext context, JwtOptions jwt)
    {
        if (jwt.External is null)
            return false;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return false;
        var handler = new JsonWebTokenHandler();
        var raw = header["Bearer ".Length..].Trim();
        // Reading the issuer without validating only picks the handler; that handler validates everything, and
        // answers 401 for a token too broken to read here.
        try
        {
            return handler.CanReadToken(raw) && handler.ReadJsonWebToken(raw).Issuer == jwt.External.Issuer;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return false;
        }
    }

    /// <summary>
    /// In the Supabase mode Supabase Auth owns sign-up, sign-in, guests and refresh tokens: Soundscape's own endpoints
    /// for them answer 404 ProblemDetails saying so, and change nothing. In the standalone mode this adds nothing.
    /// </summary>
    public static TBuilder OwnAccountsOnly<TBuilder>(this TBuilder builder, IServiceProvider services) where TBuilder : IEndpointConventionBuilder
    {
        if (services.GetRequiredService<DatabaseOptions>().IdentityMode != IdentityMode.Supabase)
            return builder;
        builder.AddEndpointFilter((_, _) => ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Accounts belong to Supabase Auth here",
            detail: "This Soundscape runs in the Supabase mode: sign up, sign in, join as a guest and refresh with Supabase Auth, and send its access token.")));
        return builder;
    }
}
