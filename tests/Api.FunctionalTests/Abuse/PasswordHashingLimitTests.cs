using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Security;

namespace Soundscape.Api.FunctionalTests.Abuse;

/// <summary>Requests that hash passwords take one of RateLimiting:PasswordHashing:Concurrency slots, whatever their addresses.</summary>
[NonParallelizable]
public sealed class PasswordHashingLimitTests : ListenerApiTest
{
    [TestCase(1)]
    [TestCase(2)]
    public async Task TokenRequests_ManyInParallel_NeverCheckMorePasswordsAtOnceThanTheSlots(int slots)
    {
        await using var api = Api(slots, queueLimit: 100, out var hasher);
        using var client = api.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            client.PostAsJsonAsync("/api/auth/token", new { email = $"nobody{i}@example.com", password = "wrong password" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        hasher.Verifications.ShouldBe(24);
        hasher.MostAtOnce.ShouldBeInRange(1, slots);
    }

    [Test]
    public async Task SignUpsAndTokenRequests_OverTheQueue_Get429WithRetryAfter_AndTheRestAreServed()
    {
        await using var api = Api(slots: 1, queueLimit: 0, out var hasher);
        using var client = api.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? client.PostAsJsonAsync("/api/auth/token", new { email = $"nobody{i}@example.com", password = "wrong password" })
            : client.PostAsJsonAsync("/api/auth/signup", new { email = $"user{i}@example.com", password = Password, displayName = "User" })));

        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        busy.ShouldNotBeEmpty();
        foreach (var response in busy)
        {
            (await ShouldBeProblemAsync(response, HttpStatusCode.TooManyRequests)).GetProperty("detail").GetString()!.ShouldContain("busy");
            response.Headers.GetValues("Retry-After").Single().ShouldBe("1");
        }
        responses.Count(r => r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Created).ShouldBe(20 - busy.Count);
        hasher.MostAtOnce.ShouldBe(1);
    }

    private static SoundscapeApiFactory Api(int slots, int queueLimit, out CountingPasswordHasher hasher)
    {
        var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string>
        {
            ["RateLimiting:PasswordHashing:Concurrency"] = slots.ToString(),
            ["RateLimiting:PasswordHashing:QueueLimit"] = queueLimit.ToString(),
        }, CountingPasswordHasher.Register);
        hasher = (CountingPasswordHasher)api.Services.GetRequiredService<IPasswordHasher>();
        return api;
    }
}
