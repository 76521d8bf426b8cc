using System.Text.Json.Nodes;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests.Web;

/// <summary>
/// The web app's typed client is generated from web/openapi.json (web/scripts/gen-api.sh). When the API's served
/// document moves on and the committed copy does not, the client would call endpoints that no longer look that way.
/// </summary>
public sealed class OpenApiClientFreshnessTests : ApiTest
{
    [Test]
    public async Task WebClientsOpenApiCopy_IsTheDocumentTheApiServes()
    {
        var served = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));
        var committedPath = Path.Combine(S3rverServer.RepositoryRoot(), "web", "openapi.json");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath));

        JsonNode.DeepEquals(served, committed).ShouldBeTrue(
            "web/openapi.json is stale: run `bash web/scripts/gen-api.sh` and commit web/openapi.json and web/src/api/schema.d.ts");
    }
}
