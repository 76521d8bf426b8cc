using System.Net;
using Soundscape.Domain.Library;

namespace Soundscape.Api.FunctionalTests.Library;

public sealed class SoundReadTests : ListenerApiTest
{
    [SetUp]
    public Task ArrangeLibraryAsync() => AsOwnerAsync(async db =>
    {
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        db.Sounds.AddRange(
            Arrange.Sound("Soft rain", Arrange.Vector(0.9, 0.1, 0, 0, 0.2), createdAt: t0),
            Arrange.Sound("Harbour waves", Arrange.Vector(0.1, 0.2, 0, 0, 0.9), createdAt: t0.AddMinutes(1), artist: "Rain Collective"),
            Arrange.Sound("Piano at dusk", null, SoundType.Instrumental, createdAt: t0.AddMinutes(2)));
        await db.SaveChangesAsync();
    });

    [Test]
    public async Task ListSounds_WithoutAToken_ReturnsAPageNewestFirst()
    {
        var page = await ReadJsonAsync(await Client.GetAsync("/api/sounds?pageSize=2"), HttpStatusCode.OK);

        page.GetProperty("total").GetInt32().ShouldBe(3);
        page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("title").GetString())
            .ShouldBe(["Piano at dusk", "Harbour waves"]);
        var second = await ReadJsonAsync(await Client.GetAsync("/api/sounds?page=2&pageSize=2"), HttpStatusCode.OK);
        second.GetProperty("items").EnumerateArray().Single().GetProperty("title").GetString().ShouldBe("Soft rain");
    }

    [Test]
    public async Task ListSounds_FilteredByTypeAndSearch_MatchesTitleOrArtistCaseInsensitively()
    {
        var instrumental = await ReadJsonAsync(await Client.GetAsync("/api/sounds?type=instrumental"), HttpStatusCode.OK);
        var rain = await ReadJsonAsync(await Client.GetAsync("/api/sounds?search=RAIN"), HttpStatusCode.OK);

        instrumental.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ShouldBe(["Piano at dusk"]);
        rain.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ShouldBe(["Harbour waves", "Soft rain"]);
    }

    [Test]
    public async Task GetSound_ReturnsItsEmbeddingAsNamedAxes()
    {
        var id = await AsOwnerAsync(db => Task.FromResult(db.Sounds.Single(s => s.Title == "Soft rain").Id));

        var sound = await ReadJsonAsync(await Client.GetAsync($"/api/sounds/{id}"), HttpStatusCode.OK);

        sound.GetProperty("type").GetString().ShouldBe("soundscape");
        sound.GetProperty("embedding").GetProperty("rain").GetDouble().ShouldBe(0.9, 1e-6);
        sound.GetProperty("embedding").GetProperty("waves").GetDouble().ShouldBe(0.2, 1e-6);
    }

    [Test]
    public async Task GetSound_ThatDoesNotExist_Returns404Problem()
    {
        await ShouldBeProblemAsync(await Client.GetAsync($"/api/sounds/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [TestCase("/api/sounds?type=jazz", "type")]
    [TestCase("/api/sounds?page=0", "page")]
    [TestCase("/api/sounds?pageSize=101", "pageSize")]
    public async Task ListSounds_WithBadQuery_Returns400NamingTheParameter(string url, string field)
    {
        await ShouldBeFieldErrorAsync(await Client.GetAsync(url), field);
    }

    [Test]
    public async Task ListSounds_WithANonNumericPage_Returns400Problem()
    {
        await ShouldBeProblemAsync(await Client.GetAsync("/api/sounds?page=first"), HttpStatusCode.BadRequest);
    }
}
