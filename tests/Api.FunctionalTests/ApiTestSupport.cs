using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Soundscape.Infrastructure.Persistence;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests;

/// <summary>A listener signed up through the API, with a client that sends their token.</summary>
public sealed record Listener(Guid Id, string Email, string Token, HttpClient Client);

/// <summary>Helpers every functional test uses: signing up, arranging rows as the owner, checking that nothing changed.</summary>
public abstract class ListenerApiTest : ApiTest
{
    protected const string Password = "correct horse battery";

    protected async Task<Listener> SignUpAsync(string name)
    {
        var email = $"{name}@example.com";
        var response = await Client.PostAsJsonAsync("/api/auth/signup", new { email, password = Password, displayName = name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("accessToken").GetString()!;
        return new Listener(body.RootElement.GetProperty("userId").GetGuid(), email, token, ClientWithToken(token));
    }

    protected HttpClient ClientWithToken(string token)
    {
        var client = Testing.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Arranges or inspects rows as the schema owner, whom row-level security does not restrict.</summary>
    protected static Task<T> AsOwnerAsync<T>(Func<SoundscapeDbContext, Task<T>> action) => Testing.Database.AsOwnerAsync(action);

    protected static Task AsOwnerAsync(Func<SoundscapeDbContext, Task> action) =>
        AsOwnerAsync(async db => { await action(db); return true; });

    /// <summary>Sends a request (or runs a command) that must change nothing, and checks the database is exactly as it was before.</summary>
    protected static async Task<T> ShouldChangeNothingAsync<T>(Func<Task<T>> send)
    {
        var before = await DatabaseFingerprint.TakeAsync(Testing.Database.OwnerConnectionString);
        var response = await send();
        var after = await DatabaseFingerprint.TakeAsync(Testing.Database.OwnerConnectionString);
        after.ChangedSince(before).ShouldBeEmpty("a refused request (or a repeated command) must not change any table");
        return response;
    }

    /// <summary>Reads a ProblemDetails body, checking the status and the media type on the way.</summary>
    protected static async Task<JsonElement> ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var document = JsonDocument.Parse(text);
        document.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
        return document.RootElement.Clone();
    }

    /// <summary>A 400 whose errors name <paramref name="field"/>.</summary>
    protected static async Task ShouldBeFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty(field, out var messages).ShouldBeTrue($"errors should name '{field}': {errors}");
        messages.GetArrayLength().ShouldBeGreaterThan(0);
    }

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    protected static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
