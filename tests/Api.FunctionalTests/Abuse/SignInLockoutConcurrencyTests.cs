using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Security;

namespace Soundscape.Api.FunctionalTests.Abuse;

/// <summary>Parallel guesses against one account: the lockout counts every password check, whatever the race.</summary>
[NonParallelizable]
public sealed class SignInLockoutConcurrencyTests : ListenerApiTest
{
    // The test factory's Auth:Lockout:MaxFailures.
    private const int MaxFailures = 3;

    private SoundscapeApiFactory _api = null!;
    private CountingPasswordHasher _hasher = null!;

    [SetUp]
    public void StartApi()
    {
        _api = SoundscapeApiFactory.With(Testing.Database, services: CountingPasswordHasher.Register);
        _hasher = (CountingPasswordHasher)_api.Services.GetRequiredService<IPasswordHasher>();
    }

    [TearDown]
    public Task StopApiAsync() => _api.DisposeAsync().AsTask();

    [TestCase(20)]
    [TestCase(200)]
    public async Task Token_WithManyParallelWrongPasswords_ChecksExactlyMaxFailuresHashesAndLocksTheAccount(int guesses)
    {
        await SignUpAsync("ada");
        using var client = _api.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, guesses).Select(i =>
            client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = $"wrong password {i}" })));

        _hasher.Verifications.ShouldBe(MaxFailures);
        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(MaxFailures - 1);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Count.ShouldBe(guesses - (MaxFailures - 1));
        foreach (var response in refused)
            int.Parse(response.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 120);
        var user = await AsOwnerAsync(db => db.Users.SingleAsync());
        user.LockedUntil.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(100));
        user.FailedSignIns.ShouldBe(0);
    }

    [Test]
    public async Task Token_WithTheRightPasswordAfter100ParallelWrongOnes_Returns429AndChecksNoHash()
    {
        await SignUpAsync("ada");
        using var client = _api.CreateClient();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = "wrong password" })));
        var checkedBefore = _hasher.Verifications;

        var right = await client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = Password });

        await ShouldBeProblemAsync(right, HttpStatusCode.TooManyRequests);
        checkedBefore.ShouldBe(MaxFailures);
        _hasher.Verifications.ShouldBe(MaxFailures);
    }

    [Test]
    public async Task Token_WithTheRightPasswordInParallelWithWrongOnes_NeverChecksMoreThanMaxFailuresHashesBeforeALock()
    {
        await SignUpAsync("ada");
        using var client = _api.CreateClient();

        var requests = Enumerable.Range(0, 100)
            .Select(i => new { email = "ada@example.com", password = i == 50 ? Password : "wrong password" })
            .Select(body => client.PostAsJsonAsync("/api/auth/token", body)).ToList();
        var responses = await Task.WhenAll(requests);

        // The right one resets the count only when it was one of the checks allowed; then one more round of checks may follow.
        if (responses[50].StatusCode == HttpStatusCode.OK)
            _hasher.Verifications.ShouldBeInRange(MaxFailures, 2 * MaxFailures);
        else
            _hasher.Verifications.ShouldBe(MaxFailures);
        responses.Count(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized).ShouldBeLessThanOrEqualTo(_hasher.Verifications);
    }

    [Test]
    public async Task Token_WithParallelRightPasswords_SignsInAndLeavesNoCountBehind()
    {
        await SignUpAsync("ada");
        using var client = _api.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, MaxFailures - 1).Select(_ =>
            client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = Password })));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var user = await AsOwnerAsync(db => db.Users.SingleAsync());
        user.FailedSignIns.ShouldBe(0);
        user.LockedUntil.ShouldBeNull();
        user.LastSignInAt.ShouldNotBeNull();
    }
}
