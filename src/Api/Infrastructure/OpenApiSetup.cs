using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Soundscape.Application.Identity.Common;
using Soundscape.Application.Identity.IssueToken;
using Soundscape.Application.Identity.RefreshSession;
using Soundscape.Application.Identity.SignUp;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Listeners.CastVote;
using Soundscape.Application.Listeners.CheckIn;
using Soundscape.Application.Listeners.Common;
using Soundscape.Application.Listeners.GetMyProfile;
using Soundscape.Application.Listeners.UpdateMyProfile;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Soundscape.Api;

/// <summary>Swagger: the bearer scheme on the operations that need it, and an example for each request and main response.</summary>
internal static class OpenApiSetup
{
    public const string BearerSchemeName = "Bearer";

    public static void Configure(SwaggerGenOptions options)
    {
        options.AddSecurityDefinition(BearerSchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /api/auth/token or /api/auth/signup (or from the configured external issuer).",
        });
        options.OperationFilter<BearerRequirementFilter>();
        options.SchemaFilter<ExampleSchemaFilter>();
    }

    private sealed class BearerRequirementFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
                return;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [] });
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing, expired or invalid access token." });
        }
    }

    private sealed class ExampleSchemaFilter : ISchemaFilter
    {
        private static readonly Dictionary<Type, string> Examples = new()
        {
            [typeof(SignUpCommand)] = """{"email":"ada@example.com","password":"correct horse battery","displayName":"Ada"}""",
            [typeof(AuthTokensDto)] = """{"userId":"0194f3c2-8e4b-7c3a-9d2e-5a1b2c3d4e5f","accessToken":"eyJhbGciOiJIUzI1NiIs…","expiresIn":3600,"refreshToken":"q3Vh0cZ8n1m2b4v6c8x0z2l4k6j8h0g2f4d6s8a0p2o","isAnonymous":false,"tokenType":"Bearer"}""",
            [typeof(RefreshSessionCommand)] = """{"refreshToken":"q3Vh0cZ8n1m2b4v6c8x0z2l4k6j8h0g2f4d6s8a0p2o"}""",
            [typeof(IssueTokenCommand)] = """{"email":"ada@example.com","password":"correct horse battery"}""",
            [typeof(UpdateMyProfileCommand)] = """{"displayName":"Ada L.","avatarUrl":"https://example.com/ada.png"}""",
            [typeof(MyProfileDto)] = """{"id":"0194f3c2-8e4b-7c3a-9d2e-5a1b2c3d4e5f","email":"ada@example.com","displayName":"Ada","avatarUrl":null,"tasteVector":{"rain":0.698,"wind":0.078,"fire":0.31,"thunder":0.155,"waves":0.621},"voteCount":12,"roles":[],"isAnonymous":false}""",
            [typeof(CastVoteCommand)] = """{"soundId":"0194f3c2-9a00-7b00-8c00-000000000001","rating":5,"playerId":"0194f3c2-9a00-7b00-8c00-0000000000aa"}""",
            [typeof(CastVoteResult)] = """{"voteId":"0194f3c2-9a00-7b00-8c00-0000000000f1","tasteVector":{"rain":0.698691,"wind":0.078056,"fire":0.309555,"thunder":0.15573,"waves":0.621016},"similarityBefore":0.964211,"similarityAfter":0.964,"learned":true,"note":null}""",
            [typeof(CheckInCommand)] = """{"checkinCode":"lobby-east"}""",
            [typeof(SessionDto)] = """{"sessionId":"0194f3c2-9a00-7b00-8c00-0000000000c1","playerId":"0194f3c2-9a00-7b00-8c00-0000000000aa","playerName":"Lobby east","checkedInAt":"2026-11-23T09:00:00Z","expiresAt":"2026-11-23T10:00:00Z"}""",
            [typeof(TasteDto)] = """{"rain":0.8,"wind":0.2,"fire":0.1,"thunder":0.3,"waves":0.7}""",
        };

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var json))
                concrete.Examples = [JsonNode.Parse(json)!];
        }
    }
}
