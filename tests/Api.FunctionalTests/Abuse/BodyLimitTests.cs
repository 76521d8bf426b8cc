using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Soundscape.Api.FunctionalTests.Abuse;

/// <summary>JSON bodies over RequestLimits:MaxBodyBytes (64 KB by default) are refused with 413 before they are read.</summary>
[NonParallelizable]
public sealed class BodyLimitTests : ListenerApiTest
{
    private const int Limit = 64 * 1024;

    private SoundscapeApiFactory _api = null!;
    private BodyReadCounter _reads = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = SoundscapeApiFactory.With(Testing.Database, services: BodyReadCounter.Register);
        _reads = _api.Services.GetRequiredService<BodyReadCounter>();
    }

    [OneTimeTearDown]
    public Task StopApiAsync() => _api.DisposeAsync().AsTask();

    private async Task<HttpClient> ClientAsync(bool signedIn)
    {
        var client = _api.CreateClient();
        if (signedIn)
            client.DefaultRequestHeaders.Authorization = (await SignUpAsync("ada")).Client.DefaultRequestHeaders.Authorization;
        return client;
    }

    [TestCase("POST", "/api/auth/signup", false)]
    [TestCase("POST", "/api/auth/token", false)]
    [TestCase("PATCH", "/api/me", true)]
    [TestCase("POST", "/api/votes", true)]
    [TestCase("POST", "/api/mixes", true)]
    [TestCase("POST", "/api/sessions/check-in", true)]
    public async Task JsonBody_OneByteOverTheLimitWithContentLength_Returns413ProblemAndChangesNothing(string method, string path, bool signedIn)
    {
        using var client = await ClientAsync(signedIn);
        var content = GeneratedContent.Json(Limit + 1, declareLength: true);
        var readBefore = _reads.BytesRead;

        var response = await ShouldChangeNothingAsync(() => client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content }));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString()!.ShouldContain(Limit.ToString());
        (_reads.BytesRead - readBefore).ShouldBe(0, "a declared length over the limit is refused before the body is read");
    }

    [TestCase("POST", "/api/auth/signup", false)]
    [TestCase("PATCH", "/api/me", true)]
    [TestCase("POST", "/api/votes", true)]
    public async Task JsonBody_Of28MegabytesWithoutContentLength_Returns413AfterReadingAtMostTheLimitAndABuffer(string method, string path, bool signedIn)
    {
        using var client = await ClientAsync(signedIn);
        var content = GeneratedContent.Json(28L * 1024 * 1024, declareLength: false);
        var readBefore = _reads.BytesRead;
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await ShouldChangeNothingAsync(() => client.SendAsync(request));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        // The body binder reads in buffers of a few KB; it stops at the first one past the limit.
        (_reads.BytesRead - readBefore).ShouldBeInRange(Limit + 1, Limit + 64 * 1024);
    }

    [Test]
    public async Task SignUp_WithABodyJustUnderTheLimit_IsReadAndCreatesTheAccount()
    {
        // Valid JSON padded with white space to just under 64 KB.
        var json = """{"email":"ada@example.com","password":"correct horse battery","displayName":"Ada"}""";
        var padded = new string(' ', Limit - Encoding.UTF8.GetByteCount(json) - 1) + json;

        var response = await Client.PostAsync("/api/auth/signup", RawJson(padded));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await AsOwnerAsync(db => db.Users.CountAsync())).ShouldBe(1);
    }

    [Test]
    public async Task TheBodyLimit_IsConfigurable()
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string> { ["RequestLimits:MaxBodyBytes"] = "2048" });
        using var client = api.CreateClient();
        var json = """{"email":"ada@example.com","password":"correct horse battery","displayName":"Ada"}""";

        var over = await client.PostAsync("/api/auth/signup", RawJson(new string(' ', 2048) + json));
        var under = await client.PostAsync("/api/auth/signup", RawJson(new string(' ', 1024) + json));

        var problem = await ShouldBeProblemAsync(over, HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString()!.ShouldContain("2048");
        under.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
