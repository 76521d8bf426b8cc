using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Soundscape.Api.FunctionalTests.Identity;

public sealed class GuestAndRefreshTests : ListenerApiTest
{
    [Test]
    public async Task Guest_GetsAnAnonymousAccountWithZeroTaste_AndATokenCarryingIsAnonymous()
    {
        var body = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/guest", new { displayName = "Table 4" }), HttpStatusCode.Created);

        body.GetProperty("isAnonymous").GetBoolean().ShouldBeTrue();
        body.GetProperty("refreshToken").GetString()!.Length.ShouldBe(43);
        var token = new JsonWebToken(body.GetProperty("accessToken").GetString());
        token.GetClaim("is_anonymous").Value.ShouldBe("true");
        token.TryGetClaim("email", out _).ShouldBeFalse();
        var me = await ReadJsonAsync(await ClientWithToken(token.EncodedToken).GetAsync("/api/me"), HttpStatusCode.OK);
        me.GetProperty("isAnonymous").GetBoolean().ShouldBeTrue();
        me.GetProperty("displayName").GetString().ShouldBe("Table 4");
        me.GetProperty("email").ValueKind.ShouldBe(JsonValueKind.Null);
        me.GetProperty("tasteVector").EnumerateObject().ShouldAllBe(axis => axis.Value.GetDouble() == 0);
        var user = await AsOwnerAsync(db => db.Users.SingleAsync());
        (user.IsAnonymous, user.Email, user.PasswordHash).ShouldBe((true, null, null));
    }

    [Test]
    public async Task Guest_WithoutABody_IsCalledGuest()
    {
        var body = await ReadJsonAsync(await Client.PostAsync("/api/auth/guest", null), HttpStatusCode.Created);
        var me = await ReadJsonAsync(await ClientWithToken(body.GetProperty("accessToken").GetString()!).GetAsync("/api/me"), HttpStatusCode.OK);
        me.GetProperty("displayName").GetString().ShouldBe("Guest");
    }

    [TestCase("""{"displayName":"   "}""", "displayName")]
    [TestCase("""{"displayName":5}""", "displayName")]
    [TestCase("""{"name":"x"}""", "name")]
    public async Task Guest_WithABadBody_Returns400NamingTheFieldAndChangesNothing(string json, string field) =>
        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() => Client.PostAsync("/api/auth/guest", RawJson(json))), field);

    [Test]
    public async Task SignUpAndToken_ReturnRefreshTokensThatAreNotAnonymous()
    {
        var signUp = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/signup", new { email = "ada@example.com", password = Password, displayName = "Ada" }), HttpStatusCode.Created);
        var token = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/token", new { email = "ada@example.com", password = Password }), HttpStatusCode.OK);

        foreach (var body in new[] { signUp, token })
        {
            body.GetProperty("isAnonymous").GetBoolean().ShouldBeFalse();
            body.GetProperty("refreshToken").GetString().ShouldNotBeNullOrEmpty();
            new JsonWebToken(body.GetProperty("accessToken").GetString()).GetClaim("is_anonymous").Value.ShouldBe("false");
        }
        token.GetProperty("userId").GetGuid().ShouldBe(signUp.GetProperty("userId").GetGuid());
        signUp.GetProperty("refreshToken").GetString().ShouldNotBe(token.GetProperty("refreshToken").GetString());
    }

    [Test]
    public async Task Refresh_RotatesTheToken_StoresOnlyHashes_AndTheOldOneStopsWorking()
    {
        var guest = await GuestAsync();

        var refreshed = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = guest.Refresh }), HttpStatusCode.OK);

        refreshed.GetProperty("userId").GetGuid().ShouldBe(guest.Id);
        var next = refreshed.GetProperty("refreshToken").GetString()!;
        next.ShouldNotBe(guest.Refresh);
        (await ClientWithToken(refreshed.GetProperty("accessToken").GetString()!).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await AsOwnerAsync(db => db.Database.SqlQuery<string>($"SELECT encode(token_hash, 'escape') AS \"Value\" FROM auth.refresh_tokens").ToListAsync());
        stored.Count.ShouldBe(2);
        stored.ShouldNotContain(s => s.Contains(guest.Refresh) || s.Contains(next));
        await ShouldBeProblemAsync(await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token-we-issued" }), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Refresh_WithARotatedToken_Returns401AndRevokesTheWholeFamily()
    {
        var guest = await GuestAsync();
        var second = (await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = guest.Refresh }), HttpStatusCode.OK))
            .GetProperty("refreshToken").GetString()!;

        var reuse = await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = guest.Refresh });
        var afterReuse = await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second });

        (await ShouldBeProblemAsync(reuse, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("already used");
        await ShouldBeProblemAsync(afterReuse, HttpStatusCode.Unauthorized);
        (await AsOwnerAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM auth.refresh_tokens WHERE revoked_at IS NULL").SingleAsync())).ShouldBe(0);
    }

    [Test]
    public async Task SignOut_RevokesTheRefreshToken_AndAnUnknownTokenAlsoAnswers204()
    {
        var guest = await GuestAsync();

        var signOut = await Client.PostAsJsonAsync("/api/auth/sign-out", new { refreshToken = guest.Refresh });
        var unknown = await Client.PostAsJsonAsync("/api/auth/sign-out", new { refreshToken = "never-issued" });

        signOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeProblemAsync(await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = guest.Refresh }), HttpStatusCode.Unauthorized);
    }

    [TestCase("/api/auth/refresh", """{"refreshToken":""}""", "refreshToken")]
    [TestCase("/api/auth/refresh", """{}""", "refreshToken")]
    [TestCase("/api/auth/sign-out", """{"refreshToken":""}""", "refreshToken")]
    [TestCase("/api/auth/sign-out", """{"refreshToken":42}""", "refreshToken")]
    public async Task RefreshAndSignOut_WithABadBody_Return400NamingTheField(string path, string json, string field) =>
        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() => Client.PostAsync(path, RawJson(json))), field);

    [Test]
    public async Task RefreshToken_AppRoleCannotReadTheTable()
    {
        await GuestAsync();
        await using var connection = new Npgsql.NpgsqlConnection(Testing.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM auth.refresh_tokens", connection);
        var refused = await Should.ThrowAsync<Npgsql.PostgresException>(() => command.ExecuteScalarAsync());
        refused.SqlState.ShouldBe("42501"); // insufficient_privilege
    }

    [Test]
    public async Task KeepMyTaste_KeepsTheUserIdVotesAndTaste_AndSignsInWithTheNewPassword()
    {
        var guest = await GuestAsync();
        var soundId = Guid.Empty;
        await AsOwnerAsync(async db => { var s = Arrange.Sound("fire", Arrange.Vector(0, 0, 1, 0, 0)); db.Sounds.Add(s); soundId = s.Id; await db.SaveChangesAsync(); });
        var client = ClientWithToken(guest.Access);
        (await client.PostAsJsonAsync("/api/votes", new { soundId, rating = 5 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await ReadJsonAsync(await client.GetAsync("/api/me"), HttpStatusCode.OK);

        var kept = await ReadJsonAsync(await client.PostAsJsonAsync("/api/me/credentials", new { email = "kept@example.com", password = Password }), HttpStatusCode.OK);

        kept.GetProperty("userId").GetGuid().ShouldBe(guest.Id);
        kept.GetProperty("isAnonymous").GetBoolean().ShouldBeFalse();
        var signIn = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/token", new { email = "kept@example.com", password = Password }), HttpStatusCode.OK);
        signIn.GetProperty("userId").GetGuid().ShouldBe(guest.Id);
        var after = await ReadJsonAsync(await ClientWithToken(signIn.GetProperty("accessToken").GetString()!).GetAsync("/api/me"), HttpStatusCode.OK);
        after.GetProperty("isAnonymous").GetBoolean().ShouldBeFalse();
        after.GetProperty("voteCount").GetInt32().ShouldBe(1);
        after.GetProperty("tasteVector").GetProperty("fire").GetDouble().ShouldBe(before.GetProperty("tasteVector").GetProperty("fire").GetDouble());
        after.GetProperty("tasteVector").GetProperty("fire").GetDouble().ShouldBeGreaterThan(0);
        (await AsOwnerAsync(db => db.Users.CountAsync())).ShouldBe(1);
        (await AsOwnerAsync(db => db.Votes.CountAsync(v => v.UserId == guest.Id))).ShouldBe(1);
    }

    [Test]
    public async Task KeepMyTaste_WhenTheEmailIsTaken_Returns409AndChangesNothing()
    {
        await SignUpAsync("ada");
        var guest = await GuestAsync();

        var response = await ShouldChangeNothingAsync(() => ClientWithToken(guest.Access).PostAsJsonAsync("/api/me/credentials", new { email = "ADA@example.com", password = Password }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task KeepMyTaste_ForAnAccountThatIsNotAGuest_Returns409()
    {
        var ada = await SignUpAsync("ada");
        var response = await ShouldChangeNothingAsync(() => ada.Client.PostAsJsonAsync("/api/me/credentials", new { email = "other@example.com", password = Password }));
        (await ShouldBeProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("only a guest");
    }

    [Test]
    public async Task KeepMyTaste_WithoutSigningIn_Returns401() =>
        await ShouldBeProblemAsync(await Client.PostAsJsonAsync("/api/me/credentials", new { email = "x@example.com", password = Password }), HttpStatusCode.Unauthorized);

    [TestCase("""{"email":"nope","password":"correct horse battery"}""", "email")]
    [TestCase("""{"email":"g@example.com","password":"short"}""", "password")]
    [TestCase("""{"email":"g@example.com"}""", "password")]
    public async Task KeepMyTaste_WithBadCredentials_Returns400NamingTheField(string json, string field)
    {
        var guest = await GuestAsync();
        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() => ClientWithToken(guest.Access).PostAsync("/api/me/credentials", RawJson(json))), field);
    }

    [Test]
    public async Task Refresh_AfterKeepMyTaste_IssuesATokenThatIsNoLongerAnonymous()
    {
        var guest = await GuestAsync();
        await ClientWithToken(guest.Access).PostAsJsonAsync("/api/me/credentials", new { email = "kept@example.com", password = Password });

        var refreshed = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = guest.Refresh }), HttpStatusCode.OK);

        refreshed.GetProperty("isAnonymous").GetBoolean().ShouldBeFalse();
        new JsonWebToken(refreshed.GetProperty("accessToken").GetString()).GetClaim("email").Value.ShouldBe("kept@example.com");
    }

    private async Task<(Guid Id, string Access, string Refresh)> GuestAsync()
    {
        var body = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/guest", new { }), HttpStatusCode.Created);
        return (body.GetProperty("userId").GetGuid(), body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }
}
