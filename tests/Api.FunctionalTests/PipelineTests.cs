using System.Net;
using System.Text.Json;

namespace Soundscape.Api.FunctionalTests;

public sealed class PipelineTests : ApiTest
{
    [Test]
    public async Task SwaggerUi_IsServed()
    {
        var response = await Client.GetAsync("/swagger/index.html");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger-ui");
    }

    [Test]
    public async Task OpenApiDocument_DescribesTheHealthEndpoint()
    {
        var response = await Client.GetAsync("/swagger/v1/swagger.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        document.RootElement.GetProperty("paths").TryGetProperty("/health", out _).ShouldBeTrue();
    }

    [TestCase("/api/no-such-thing")]
    [TestCase("/no-such-thing")] // the functional tests' host has no web app, so no fallback page either
    public async Task UnknownRoute_AnswersWithProblemDetails404(string path)
    {
        var response = await Client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Test]
    public async Task WrongMethod_AnswersWithProblemDetails405()
    {
        var response = await Client.DeleteAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
