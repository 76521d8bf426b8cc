using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Soundscape.Api.FunctionalTests.Identity;

public sealed class AuthTests : ListenerApiTest
{
    [Test]
    public async Task SignUp_WithValidDetails_Returns201WithTokenAndCreatesAZeroTasteProfile()
    {
        var response = await Client.PostAsJsonAsync("/api/auth/signup", new { email = "Ada@Example.com", password = Password, displayName = "Ada" });

        var body = await ReadJsonAsync(response, HttpStatusCode.Created);
        var userId = body.GetProperty("userId").GetGuid();
        body.GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("expiresIn").GetInt32().ShouldBe(3600);
        var profile = await AsOwnerAsync(db => db.Profiles.SingleAsync(p => p.Id == userId));
        profile.DisplayName.ShouldBe("Ada");
        profile.PreferenceVector.IsZero.ShouldBeTrue();
        profile.VoteCount.ShouldBe(0);
        var user = await AsOwnerAsync(db => db.Users.SingleAsync(u => u.Id == userId));
        user.PasswordHash!.ShouldNotContain(Password, Case.Insensitive);
    }

    [Test]
    public async Task SignUp_WithAnEmailThatDiffersOnlyInCase_Returns409AndChangesNothing()
    {
        await SignUpAsync("ada");

        var response = await ShouldChangeNothingAsync(() =>
            Client.PostAsJsonAsync("/api/auth/signup", new { email = "ADA@example.COM", password = Password, displayName = "Ada 2" }));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("already exists");
    }

    [TestCase("""{"email":"ada@example.com","password":"short","displayName":"Ada"}""", "password")]
    [TestCase("""{"email":"not-an-email","password":"correct horse","displayName":"Ada"}""", "email")]
    [TestCase("""{"email":"ada@localhost","password":"correct horse","displayName":"Ada"}""", "email")]
    [TestCase("""{"email":"a b@example.com","password":"correct horse","displayName":"Ada"}""", "email")]
    [TestCase("""{"password":"correct horse","displayName":"Ada"}""", "email")]
    [TestCase("""{"email":"ada@example.com","password":"correct horse","displayName":"   "}""", "displayName")]
    [TestCase("""{"email":"ada@example.com","password":"correct horse","displayName":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "displayName")]
    [TestCase("""{"email":"ada@example.com","password":12345678,"displayName":"Ada"}""", "password")]
    [TestCase("""{"email":"ada@example.com","password":"correct horse","displayName":"Ada","isAdmin":true}""", "isAdmin")]
    public async Task SignUp_WithBadInput_Returns400NamingTheFieldAndChangesNothing(string json, string field)
    {
        var response = await ShouldChangeNothingAsync(() => Client.PostAsync("/api/auth/signup", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, field);
    }

    [Test]
    public async Task SignUp_WithMalformedJson_Returns400ProblemAndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => Client.PostAsync("/api/auth/signup", RawJson("""{"email": "ada@example.com", """)));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Token_WithRightPasswordInAnyEmailCase_Returns200WithAWorkingToken()
    {
        var ada = await SignUpAsync("ada");

        var response = await Client.PostAsJsonAsync("/api/auth/token", new { email = "ADA@EXAMPLE.COM", password = Password });

        var body = await ReadJsonAsync(response, HttpStatusCode.OK);
        var me = await ClientWithToken(body.GetProperty("accessToken").GetString()!).GetAsync("/api/me");
        (await ReadJsonAsync(me, HttpStatusCode.OK)).GetProperty("id").GetGuid().ShouldBe(ada.Id);
    }

    [Test]
    public async Task Token_WithWrongPasswordOrUnknownEmail_Returns401WithTheSameMessage()
    {
        await SignUpAsync("ada");

        var wrongPassword = await ShouldBeProblemAsync(
            await Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = "wrong password" }), HttpStatusCode.Unauthorized);
        var unknownEmail = await ShouldBeProblemAsync(
            await Client.PostAsJsonAsync("/api/auth/token", new { email = "nobody@example.com", password = "wrong password" }), HttpStatusCode.Unauthorized);

        wrongPassword.GetProperty("detail").GetString().ShouldBe(unknownEmail.GetProperty("detail").GetString());
    }

    [Test]
    public async Task Token_AfterRepeatedWrongPasswords_Returns429WithRetryAfter_EvenForTheRightPassword()
    {
        await SignUpAsync("ada");
        for (var i = 0; i < 2; i++)
            (await Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = "wrong password" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var locking = await Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = "wrong password" });
        var whileLocked = await Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = Password });

        await ShouldBeProblemAsync(locking, HttpStatusCode.TooManyRequests);
        await ShouldBeProblemAsync(whileLocked, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(whileLocked.Headers.GetValues("Retry-After").Single());
        retryAfter.ShouldBeInRange(1, 120);
    }

    [Test]
    public async Task Token_WhenTheLockHasPassed_AcceptsTheRightPasswordAgain()
    {
        await SignUpAsync("ada");
        for (var i = 0; i < 3; i++)
            await Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = "wrong password" });
        await AsOwnerAsync(db => db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockedUntil, DateTimeOffset.UtcNow.AddSeconds(-1))));

        var response = await Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AsOwnerAsync(db => db.Users.SingleAsync())).FailedSignIns.ShouldBe(0);
    }

    [Test]
    public async Task Token_WithMissingPassword_Returns400AndCountsNoFailure()
    {
        await SignUpAsync("ada");

        var response = await ShouldChangeNothingAsync(() => Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com" }));

        await ShouldBeFieldErrorAsync(response, "password");
    }
}
