using System.Net;
using System.Net.Http.Json;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.FunctionalTests.Listeners;

public sealed class ProfileTests : ListenerApiTest
{
    [Test]
    public async Task GetMe_ReturnsIdentityTasteAsNamedAxesVoteCountAndRoles()
    {
        var ada = await SignUpAsync("ada");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(ada.Id, Role.Manager, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });

        var me = await ReadJsonAsync(await ada.Client.GetAsync("/api/me"), HttpStatusCode.OK);

        me.GetProperty("email").GetString().ShouldBe("ada@example.com");
        me.GetProperty("displayName").GetString().ShouldBe("ada");
        me.GetProperty("voteCount").GetInt32().ShouldBe(0);
        var taste = me.GetProperty("tasteVector");
        foreach (var axis in new[] { "rain", "wind", "fire", "thunder", "waves" })
            taste.GetProperty(axis).GetDouble().ShouldBe(0);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["manager"]);
    }

    [Test]
    public async Task PatchMe_WithNameAndAvatar_ChangesBoth_AndAnEmptyAvatarRemovesIt()
    {
        var ada = await SignUpAsync("ada");

        var changed = await ReadJsonAsync(await ada.Client.PatchAsJsonAsync("/api/me",
            new { displayName = "  Ada L.  ", avatarUrl = "https://example.com/ada.png" }), HttpStatusCode.OK);
        var cleared = await ReadJsonAsync(await ada.Client.PatchAsJsonAsync("/api/me", new { avatarUrl = "" }), HttpStatusCode.OK);

        changed.GetProperty("displayName").GetString().ShouldBe("Ada L.");
        changed.GetProperty("avatarUrl").GetString().ShouldBe("https://example.com/ada.png");
        cleared.GetProperty("displayName").GetString().ShouldBe("Ada L.");
        cleared.GetProperty("avatarUrl").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [TestCase("""{"displayName":""}""", "displayName")]
    [TestCase("""{"displayName":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", "displayName")]
    [TestCase("""{"avatarUrl":"not a url"}""", "avatarUrl")]
    [TestCase("""{"avatarUrl":"javascript:alert(1)"}""", "avatarUrl")]
    [TestCase("""{}""", "body")]
    [TestCase("""{"displayName":42}""", "displayName")]
    [TestCase("""{"voteCount":1000}""", "voteCount")]
    public async Task PatchMe_WithBadInput_Returns400NamingTheFieldAndChangesNothing(string json, string field)
    {
        var ada = await SignUpAsync("ada");

        var response = await ShouldChangeNothingAsync(() => ada.Client.PatchAsync("/api/me", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, field);
    }

    [Test]
    public async Task PatchMe_WithoutAToken_Returns401AndChangesNothing()
    {
        await SignUpAsync("ada");

        var response = await ShouldChangeNothingAsync(() => Client.PatchAsJsonAsync("/api/me", new { displayName = "Mallory" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
