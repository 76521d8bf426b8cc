using System.Net;
using System.Net.Http.Json;
using Soundscape.Domain.Vectors;

namespace Soundscape.Api.FunctionalTests.Listeners;

public sealed class RecommendationTests : ListenerApiTest
{
    [SetUp]
    public Task ArrangeLibraryAsync() => AsOwnerAsync(async db =>
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        db.Sounds.AddRange(
            Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0.1), createdAt: t0),
            Arrange.Sound("rainy harbour", Arrange.Vector(0.7, 0, 0, 0, 0.7), createdAt: t0.AddMinutes(1)),
            Arrange.Sound("waves", Arrange.Vector(0, 0, 0, 0, 1), createdAt: t0.AddMinutes(2)),
            Arrange.Sound("fire", Arrange.Vector(0, 0, 1, 0, 0), createdAt: t0.AddMinutes(3)),
            Arrange.Sound("unanalysed", null, createdAt: t0.AddMinutes(4)));
        await db.SaveChangesAsync();
    });

    [Test]
    public async Task Recommendations_AfterLikingRain_RankSoundsByCosineSimilarityToTheTaste()
    {
        var ada = await SignUpAsync("ada");
        var rain = await AsOwnerAsync(db => Task.FromResult(db.Sounds.Single(s => s.Title == "rain")));
        (await ada.Client.PostAsJsonAsync("/api/votes", new { soundId = rain.Id, reaction = "like" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var answer = await ReadJsonAsync(await ada.Client.GetAsync("/api/me/recommendations?limit=3"), HttpStatusCode.OK);

        answer.GetProperty("basis").GetString().ShouldBe("taste");
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("title").GetString()).ShouldBe(["rain", "rainy harbour", "waves"]);
        var taste = TasteVector.Create(1, 0, 0, 0, 0.1);
        items[1].GetProperty("similarity").GetDouble().ShouldBe(taste.CosineSimilarity(TasteVector.Create(0.7, 0, 0, 0, 0.7)), 1e-5);
        items[0].GetProperty("similarity").GetDouble().ShouldBe(1, 1e-5);
    }

    [Test]
    public async Task Recommendations_WithAZeroTaste_AreTheNewestSounds_AndSaySo()
    {
        var ada = await SignUpAsync("ada");

        var answer = await ReadJsonAsync(await ada.Client.GetAsync("/api/me/recommendations?limit=2"), HttpStatusCode.OK);

        answer.GetProperty("basis").GetString().ShouldBe("newest");
        answer.GetProperty("note").GetString()!.ShouldContain("no taste yet");
        answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ShouldBe(["unanalysed", "fire"]);
    }

    [TestCase(0)]
    [TestCase(41)]
    public async Task Recommendations_WithALimitOutOfRange_Return400(int limit)
    {
        var ada = await SignUpAsync("ada");

        await ShouldBeFieldErrorAsync(await ada.Client.GetAsync($"/api/me/recommendations?limit={limit}"), "limit");
    }

    [Test]
    public async Task Recommendations_WithoutAToken_Return401()
    {
        await ShouldBeProblemAsync(await Client.GetAsync("/api/me/recommendations"), HttpStatusCode.Unauthorized);
    }
}
