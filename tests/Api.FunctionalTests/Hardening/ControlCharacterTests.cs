using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Devices.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.FunctionalTests.Hardening;

/// <summary>
/// Every text input of every endpoint, read from the OpenAPI document (which is checked to list every endpoint),
/// refuses NUL and the other control characters with a 400 naming the field.
/// </summary>
public sealed class ControlCharacterTests : ListenerApiTest
{
    private HttpClient _operator = null!;
    private HttpClient _device = null!;

    [SetUp]
    public async Task ArrangeAnOperatorAndADeviceAsync()
    {
        var ops = await SignUpAsync("ops");
        await AsOwnerAsync(async db =>
        {
            db.Roles.Add(RoleAssignment.Grant(ops.Id, Role.Admin, DateTimeOffset.UtcNow));
            db.Roles.Add(RoleAssignment.Grant(ops.Id, Role.Manager, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        _operator = ops.Client;
        var player = await ReadJsonAsync(await _operator.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created);
        _device = Testing.Factory.CreateClient();
        _device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, player.GetProperty("deviceKey").GetString());
    }

    [TearDown]
    public void DisposeDevice() => _device.Dispose();

    [Test]
    public async Task OpenApiDocument_ListsEveryApiEndpoint()
    {
        var documented = (await ReadOperationsAsync()).Select(o => $"{o.Method} {o.Path}").ToHashSet();
        var endpoints = Testing.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            // HEAD shares its GET's handler and inputs; the OpenAPI document lists the GET.
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m != "HEAD")
                .Select(m => $"{m} {Template(e.RoutePattern.RawText!)}"))
            .ToList();

        endpoints.Count.ShouldBeGreaterThan(30);
        endpoints.Where(e => !documented.Contains(e)).ShouldBeEmpty("every endpoint must be in the OpenAPI document, or this test would miss its inputs");
    }

    [TestCase('\0')]
    [TestCase('\u0001')]
    [TestCase('\n')]
    [TestCase('\u007f')]
    [TestCase('\u009b')]
    public async Task EveryTextInputOfEveryEndpoint_WithAControlCharacter_Returns400NamingTheField(char control)
    {
        var value = $"a{control}b";
        var checkedInputs = new List<string>();
        var failures = new List<string>();
        foreach (var operation in await ReadOperationsAsync())
        {
            foreach (var (field, request) in Requests(operation, value))
            {
                checkedInputs.Add($"{operation.Method} {operation.Path} {field}");
                using var response = await ClientFor(operation.Path).SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !NamesField(body, field))
                    failures.Add($"{operation.Method} {operation.Path} {field}: {(int)response.StatusCode} {body}");
            }
        }

        failures.ShouldBeEmpty();
        checkedInputs.ShouldContain("POST /api/auth/token email");
        checkedInputs.ShouldContain("POST /api/auth/signup displayName");
        checkedInputs.ShouldContain("GET /api/sounds search");
        checkedInputs.ShouldContain("POST /api/sounds title");
        if (control != '\0')
            checkedInputs.ShouldContain("DELETE /api/admin/roles/{userId}/{role} role");
        checkedInputs.Count.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Test]
    public async Task SignUp_WithNulInTheDisplayName_ChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() =>
            Client.PostAsync("/api/auth/signup", RawJson("""{"email":"nul@example.com","password":"correct horse","displayName":"Ada\u0000"}""")));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("displayName")[0].GetString().ShouldBe("displayName must not contain control characters (found U+0000).");
    }

    [Test]
    public async Task Search_WithNul_Returns400NamingSearchWithTheCharacter()
    {
        var problem = await ShouldBeProblemAsync(await Client.GetAsync("/api/sounds?search=rain%00"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("search")[0].GetString().ShouldBe("search must not contain control characters (found U+0000).");
    }

    [Test]
    public async Task TextWithoutControlCharacters_IsStillAccepted()
    {
        var response = await Client.GetAsync("/api/sounds?search=" + Uri.EscapeDataString("Regen – Gewitter ☂"));

        (await ReadJsonAsync(response, HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(0);
    }

    private HttpClient ClientFor(string path) => path.StartsWith("/api/device/", StringComparison.Ordinal) ? _device : _operator;

    private sealed record Operation(string Method, string Path, JsonObject Node, JsonObject Document);

    private async Task<List<Operation>> ReadOperationsAsync()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(op => op.Key is "get" or "post" or "put" or "patch" or "delete")
                .Select(op => new Operation(op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject(), document)))
            .ToList();
    }

    // One request per text input: that input carries the control character, the rest is left out or made up.
    private static IEnumerable<(string Field, HttpRequestMessage Request)> Requests(Operation operation, string value)
    {
        var parameters = operation.Node["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        var path = operation.Path;
        var pathParameters = parameters.Where(p => (string?)p["in"] == "path").ToList();
        // An encoded NUL in the path never reaches the application: the server's URL decoder refuses the request line.
        foreach (var parameter in pathParameters.Where(p => IsString(Resolve(p["schema"], operation.Document)) && (string?)p["schema"]?["format"] != "uuid"
                                                          && !value.Contains('\0', StringComparison.Ordinal)))
        {
            var name = (string)parameter["name"]!;
            var withText = pathParameters.Aggregate(operation.Path, (current, p) => current.Replace($"{{{p["name"]}}}",
                (string)p["name"]! == name ? Uri.EscapeDataString(value) : Guid.NewGuid().ToString(), StringComparison.Ordinal));
            yield return (name, new HttpRequestMessage(new HttpMethod(operation.Method), withText));
        }
        foreach (var parameter in pathParameters)
            path = path.Replace($"{{{parameter["name"]}}}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        foreach (var parameter in parameters.Where(p => (string?)p["in"] == "query" && IsString(Resolve(p["schema"], operation.Document))))
        {
            var name = (string)parameter["name"]!;
            yield return (name, new HttpRequestMessage(new HttpMethod(operation.Method), $"{path}?{name}={Uri.EscapeDataString(value)}"));
        }

        var content = operation.Node["requestBody"]?["content"]?.AsObject();
        if (content?["application/json"]?["schema"] is { } json)
        {
            foreach (var (field, body) in JsonBodies(Resolve(json, operation.Document), operation.Document, value, "", 0))
                yield return (field, new HttpRequestMessage(new HttpMethod(operation.Method), path)
                {
                    Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                });
        }
        if (content?["multipart/form-data"]?["schema"] is { } form)
        {
            var properties = Resolve(form, operation.Document)["properties"]?.AsObject() ?? [];
            foreach (var (name, schema) in properties.Where(p => IsString(Resolve(p.Value, operation.Document))))
            {
                var multipart = new MultipartFormDataContent { { new StringContent(value), name } };
                yield return (name, new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = multipart });
            }
        }
    }

    // A body with just one string set, for each string of the schema, nested objects and arrays of objects included.
    private static IEnumerable<(string Field, JsonObject Body)> JsonBodies(JsonObject schema, JsonObject document, string value, string prefix, int depth)
    {
        if (depth > 3)
            yield break;
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var resolved = Resolve(property, document);
            var field = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (IsString(resolved))
                yield return (field, new JsonObject { [name] = value });
            else if (Types(resolved).Contains("array") && resolved["items"] is { } items && Resolve(items, document) is var item)
            {
                if (IsString(item))
                    yield return ($"{field}[0]", new JsonObject { [name] = new JsonArray(value) });
                foreach (var (inner, body) in JsonBodies(item, document, value, $"{field}[0]", depth + 1))
                    yield return (inner, new JsonObject { [name] = new JsonArray(body) });
            }
            else if (resolved["properties"] is not null)
                foreach (var (inner, body) in JsonBodies(resolved, document, value, field, depth + 1))
                    yield return (inner, new JsonObject { [name] = body });
        }
    }

    private static JsonObject Resolve(JsonNode? schema, JsonObject document)
    {
        var node = schema?.AsObject() ?? [];
        if ((string?)node["$ref"] is { } reference)
            return Resolve(document["components"]!["schemas"]![reference.Split('/')[^1]], document);
        if ((node["oneOf"] ?? node["anyOf"] ?? node["allOf"]) is { } choices)
            return choices.AsArray().Select(c => Resolve(c, document)).FirstOrDefault(c => Types(c).Any(t => t != "null")) ?? node;
        return node;
    }

    private static IEnumerable<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => (string)t!),
        JsonValue one => [(string)one!],
        _ => [],
    };

    // Binary file parts are strings too in OpenAPI; they carry no text of their own.
    private static bool IsString(JsonObject schema) => Types(schema).Contains("string") && (string?)schema["format"] != "binary";

    private static bool NamesField(string body, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // "/api/sounds/{id:guid}" → "/api/sounds/{id}" and "/api/me/" → "/api/me", as the OpenAPI document writes paths.
    private static string Template(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:?=]+)[^}]*\}", "{$1}").TrimEnd('/');
}
