using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Api.Abuse;
using Soundscape.Application.Common.Security;

namespace Soundscape.Api.FunctionalTests.Abuse;

/// <summary>Rate limits per client address and per account, on an API started with small ones (a new API per test: the windows are in memory).</summary>
[NonParallelizable]
public sealed class RateLimitTests : ListenerApiTest
{
    private const int PerAddress = 8;
    private const int PerAccount = 3;

    private SoundscapeApiFactory _api = null!;
    private CountingPasswordHasher _hasher = null!;

    [SetUp]
    public void StartApi()
    {
        _api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string>
        {
            // Whole windows as bursts, and windows long enough that no token comes back while a test runs.
            ["RateLimiting:PerAddress:PermitLimit"] = PerAddress.ToString(),
            ["RateLimiting:PerAddress:Burst"] = PerAddress.ToString(),
            ["RateLimiting:PerAddress:Window"] = "00:10:00",
            ["RateLimiting:PerAccount:PermitLimit"] = PerAccount.ToString(),
            ["RateLimiting:PerAccount:Burst"] = PerAccount.ToString(),
            ["RateLimiting:PerAccount:Window"] = "00:10:00",
            // Wrong passwords must meet the rate limit here, not the lockout.
            ["Auth:Lockout:MaxFailures"] = "1000",
        }, services =>
        {
            ClientAddressFromHeader.Register(services);
            CountingPasswordHasher.Register(services);
        });
        _hasher = (CountingPasswordHasher)_api.Services.GetRequiredService<IPasswordHasher>();
    }

    [TearDown]
    public Task StopApiAsync() => _api.DisposeAsync().AsTask();

    [Test]
    public async Task Token_ManyParallelRequestsForOneAccount_LetsExactlyThePerAccountLimitThrough_AndAnswersTheRest429WithRetryAfter()
    {
        await SignUpAsync("ada");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            SendAsync($"198.51.100.{i + 1}", "/api/auth/token", new { email = i % 2 == 0 ? "ada@example.com" : "ADA@example.com", password = "wrong password" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(PerAccount);
        _hasher.Verifications.ShouldBe(PerAccount);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Count.ShouldBe(20 - PerAccount);
        foreach (var response in refused)
        {
            // One token comes back every 10 min / 3 = 200 s.
            int.Parse(response.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 200);
            var problem = await ShouldBeProblemAsync(response, HttpStatusCode.TooManyRequests);
            problem.GetProperty("detail").GetString()!.ShouldContain("account");
        }
        // Another account has its own budget.
        (await SendAsync("198.51.100.200", "/api/auth/token", new { email = "bob@example.com", password = "wrong password" }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task SignUp_ManyParallelForOneEmail_CreatesOneAccount_AndRefusesAllOverThePerAccountLimitWith429()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            SendAsync($"198.51.100.{i + 1}", "/api/auth/signup", new { email = "eve@example.com", password = Password, displayName = $"Eve {i}" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(PerAccount - 1);
        responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests).ShouldBe(12 - PerAccount);
        (await AsOwnerAsync(db => db.Users.CountAsync())).ShouldBe(1);
    }

    [TestCase("203.0.113.7", "203.0.113.7", "203.0.113.8")]
    [TestCase("2001:db8:0:5::1", "2001:db8:0:5:ffff:1:2:3", "2001:db8:0:6::1")]
    [TestCase("::ffff:203.0.113.9", "203.0.113.9", "::ffff:203.0.113.10")]
    public async Task AnonymousWrites_ManyInParallelFromOneAddress_LetExactlyThePerAddressLimitThrough(string address, string sameClient, string otherClient)
    {
        // Token requests and sign-ups, each for its own account, from two spellings of one client.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 4 < 2
            ? SendAsync(i % 2 == 0 ? address : sameClient, "/api/auth/token", new { email = $"user{i}@example.com", password = "wrong password" })
            : SendAsync(i % 2 == 0 ? address : sameClient, "/api/auth/signup", new { email = $"user{i}@example.com", password = Password, displayName = "User" })));

        responses.Count(r => r.StatusCode != HttpStatusCode.TooManyRequests).ShouldBe(PerAddress);
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            var problem = await ShouldBeProblemAsync(response, HttpStatusCode.TooManyRequests);
            problem.GetProperty("detail").GetString()!.ShouldContain("address");
            // One token comes back every 10 min / 8 = 75 s.
            int.Parse(response.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 75);
        }
        (await SendAsync(otherClient, "/api/auth/token", new { email = "other@example.com", password = "wrong password" }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Token_OverTheAddressLimit_IsRefusedBeforeItsBodyIsReadOrAPasswordHashed()
    {
        const string address = "198.51.100.4";
        for (var i = 0; i < PerAddress; i++)
            (await SendAsync(address, "/api/auth/token", new { email = $"spent{i}@example.com", password = "wrong password" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var hashesBefore = _hasher.Verifications;

        // Malformed JSON would be a 400 naming the body, had anything read it.
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        var response = await client.PostAsync("/api/auth/token", RawJson("{\"email\": "));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.TooManyRequests);
        problem.GetProperty("title").GetString().ShouldBe("Too many attempts.");
        problem.GetProperty("detail").GetString()!.ShouldContain("address");
        int.Parse(response.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 75);
        _hasher.Verifications.ShouldBe(hashesBefore);
    }

    [Test]
    public async Task AuthenticatedWrites_AreNotCountedAgainstTheAddress()
    {
        var ada = await SignUpAsync("ada");
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = ada.Client.DefaultRequestHeaders.Authorization;

        var responses = await Task.WhenAll(Enumerable.Range(0, 3 * PerAddress).Select(i =>
            client.PatchAsJsonAsync("/api/me", new { displayName = $"Ada {i}" })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
    }

    [Test]
    public void EveryAnonymousWriteEndpoint_RequiresTheAnonymousWriteRateLimit()
    {
        var endpoints = Testing.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var anonymousWrites = endpoints
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .ToList();

        anonymousWrites.Select(e => e.RoutePattern.RawText).ShouldContain("/api/auth/signup");
        anonymousWrites.Select(e => e.RoutePattern.RawText).ShouldContain("/api/auth/token");
        foreach (var endpoint in anonymousWrites)
            endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName
                .ShouldBe(AbuseProtection.AnonymousWritePolicy, $"{endpoint.RoutePattern.RawText} writes without a token");
    }

    private async Task<HttpResponseMessage> SendAsync(string address, string path, object body)
    {
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return await client.PostAsJsonAsync(path, body);
    }
}
