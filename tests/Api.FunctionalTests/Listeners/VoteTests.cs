using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Vectors;

namespace Soundscape.Api.FunctionalTests.Listeners;

public sealed class VoteTests : ListenerApiTest
{
    private static readonly double[] GoldenP = [0.9, 0.1, 0.4, 0.2, 0.8];

    private Listener _ada = null!;

    [SetUp]
    public async Task SignUpAdaAsync() => _ada = await SignUpAsync("ada");

    // DESIGN §4.2, cases 1 and 2: a like/rating 5 (t = +1) and a dislike/rating 1 (t = −1) from the same unit taste.
    [TestCase("""{"rating":5}""", new[] { 0.8, 0.2, 0.1, 0.3, 0.7 },
        new[] { 0.698691, 0.078056, 0.309555, 0.155730, 0.621016 }, new[] { 0.000156, 0.000441, -0.000905, 0.000500, 0.000096 })]
    [TestCase("""{"reaction":"like"}""", new[] { 0.8, 0.2, 0.1, 0.3, 0.7 },
        new[] { 0.698691, 0.078056, 0.309555, 0.155730, 0.621016 }, new[] { 0.000156, 0.000441, -0.000905, 0.000500, 0.000096 })]
    [TestCase("""{"rating":1}""", new[] { 0.1, 0.1, 0.2, 0.9, 0.1 },
        new[] { 0.714457, 0.064051, 0.290704, 0.007355, 0.633156 }, new[] { 0.024176, -0.012824, -0.016398, -0.147790, 0.019551 })]
    [TestCase("""{"reaction":"dislike"}""", new[] { 0.1, 0.1, 0.2, 0.9, 0.1 },
        new[] { 0.714457, 0.064051, 0.290704, 0.007355, 0.633156 }, new[] { 0.024176, -0.012824, -0.016398, -0.147790, 0.019551 })]
    public async Task Vote_FromTheGoldenTaste_ReturnsAndStoresTheGoldenVectorAndVelocity(
        string voteJson, double[] embedding, double[] expectedTaste, double[] expectedVelocity)
    {
        await SetTasteAsync(TasteVector.FromValues(GoldenP).Normalize());
        var sound = await AddSoundAsync("golden", embedding);

        var result = await VoteAsync(sound, voteJson);

        result.GetProperty("learned").GetBoolean().ShouldBeTrue();
        ShouldBeClose(ReadTaste(result.GetProperty("tasteVector")), expectedTaste);
        result.GetProperty("similarityBefore").GetDouble().ShouldBe(
            TasteVector.FromValues(GoldenP).CosineSimilarity(TasteVector.FromValues(embedding)), 1e-6);
        var profile = await AsOwnerAsync(db => db.Profiles.SingleAsync(p => p.Id == _ada.Id));
        ShouldBeClose(profile.PreferenceVector.ToArray(), expectedTaste);
        ShouldBeClose(profile.PreferenceVelocity.ToArray(), expectedVelocity);
        profile.VoteCount.ShouldBe(1);
    }

    [Test]
    public async Task Vote_FromAZeroTaste_PlacesTheTasteOnTheSound_GoldenCase3()
    {
        var sound = await AddSoundAsync("first", [0.8, 0.2, 0.1, 0.3, 0.7]);

        var result = await VoteAsync(sound, """{"rating":5}""");

        ShouldBeClose(ReadTaste(result.GetProperty("tasteVector")), [0.709885, 0.177471, 0.088736, 0.266207, 0.621150]);
        var profile = await AsOwnerAsync(db => db.Profiles.SingleAsync(p => p.Id == _ada.Id));
        profile.PreferenceVelocity.IsZero.ShouldBeTrue();
    }

    [Test]
    public async Task Votes_InSequenceFromZero_FollowTheGoldenSequence()
    {
        // DESIGN §4.2's sequence with targets +1, −1, +0.5, −0.5: ratings 5, 1, 4, 2.
        (double[] Embedding, string Vote, double[] Taste)[] steps =
        [
            ([0.9, 0, 0, 0.1, 0.3], """{"rating":5}""", [0.943456, 0, 0, 0.104828, 0.314485]),
            ([0.1, 0.1, 0.2, 0.9, 0.1], """{"rating":1}""", [0.950656, -0.015633, -0.031265, -0.033328, 0.306464]),
            ([0.2, 0.1, 0.1, 0, 0.9], """{"rating":4}""", [0.944208, -0.026110, -0.052289, -0.127806, 0.297860]),
            ([0, 0.8, 0.1, 0.2, 0.1], """{"rating":2}""", [0.930429, -0.086218, -0.072817, -0.204540, 0.282364]),
        ];
        var i = 0;
        foreach (var (embedding, vote, taste) in steps)
        {
            var sound = await AddSoundAsync($"step {++i}", embedding);
            ShouldBeClose(ReadTaste((await VoteAsync(sound, vote)).GetProperty("tasteVector")), taste);
        }

        var profile = await AsOwnerAsync(db => db.Profiles.SingleAsync(p => p.Id == _ada.Id));
        ShouldBeClose(profile.PreferenceVelocity.ToArray(), [0.006812, -0.062016, -0.022140, -0.081260, -0.009246]);
        profile.VoteCount.ShouldBe(4);
    }

    [Test]
    public async Task Vote_WhenSoundHasNoEmbedding_StoresVoteAndKeepsVector()
    {
        var taste = TasteVector.FromValues(GoldenP).Normalize();
        await SetTasteAsync(taste);
        var sound = await AddSoundAsync("unanalysed", null);

        var result = await VoteAsync(sound, """{"reaction":"like"}""");

        result.GetProperty("learned").GetBoolean().ShouldBeFalse();
        result.GetProperty("note").GetString()!.ShouldContain("no embedding");
        var profile = await AsOwnerAsync(db => db.Profiles.SingleAsync(p => p.Id == _ada.Id));
        ShouldBeClose(profile.PreferenceVector.ToArray(), taste.ToArray());
        profile.VoteCount.ShouldBe(1);
        (await AsOwnerAsync(db => db.Votes.CountAsync(v => v.SoundId == sound))).ShouldBe(1);
    }

    [Test]
    public async Task Vote_AtAPlayer_RecordsWhereItWasCast()
    {
        var sound = await AddSoundAsync("rain", [1, 0, 0, 0, 0]);
        var player = Arrange.Player("Lobby", "lobby");
        await AsOwnerAsync(async db => { db.Players.Add(player); await db.SaveChangesAsync(); });

        await VoteAsync(sound, $$"""{"rating":4,"playerId":"{{player.Id}}"}""");

        (await AsOwnerAsync(db => db.Votes.SingleAsync())).PlayerId.ShouldBe(player.Id);
    }

    [TestCase("""{"rating":0}""", "rating")]
    [TestCase("""{"rating":6}""", "rating")]
    [TestCase("""{"rating":2.5}""", "rating")]
    [TestCase("""{"rating":"5"}""", "rating")]
    [TestCase("""{"rating":5,"reaction":"like"}""", "rating")]
    [TestCase("""{}""", "rating")]
    [TestCase("""{"reaction":"meh"}""", "reaction")]
    [TestCase("""{"reaction":"LIKE"}""", "reaction")]
    [TestCase("""{"rating":5,"stars":5}""", "stars")]
    public async Task Vote_WithABadRatingOrReaction_Returns400NamingTheFieldAndChangesNothing(string voteJson, string field)
    {
        var sound = await AddSoundAsync("rain", [1, 0, 0, 0, 0]);

        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsync("/api/votes", RawJson(WithSound(voteJson, sound))));

        await ShouldBeFieldErrorAsync(response, field);
    }

    [Test]
    public async Task Vote_OnAnUnknownSound_Returns400NamingSoundIdAndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsync("/api/votes", RawJson(WithSound("""{"rating":5}""", Guid.NewGuid()))));

        await ShouldBeFieldErrorAsync(response, "soundId");
    }

    [TestCase("""{"soundId":"not-a-uuid","rating":5}""")]
    [TestCase("""{"rating":5}""")]
    public async Task Vote_WithAMissingOrMalformedSoundId_Returns400NamingSoundIdAndChangesNothing(string json)
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsync("/api/votes", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, "soundId");
    }

    [Test]
    public async Task Vote_AtAnUnknownPlayer_Returns400NamingPlayerIdAndChangesNothing()
    {
        var sound = await AddSoundAsync("rain", [1, 0, 0, 0, 0]);

        var response = await ShouldChangeNothingAsync(() =>
            _ada.Client.PostAsync("/api/votes", RawJson($$"""{"soundId":"{{sound}}","rating":5,"playerId":"{{Guid.NewGuid()}}"}""")));

        await ShouldBeFieldErrorAsync(response, "playerId");
    }

    [Test]
    public async Task Vote_WithoutAToken_Returns401AndChangesNothing()
    {
        var sound = await AddSoundAsync("rain", [1, 0, 0, 0, 0]);

        var response = await ShouldChangeNothingAsync(() => Client.PostAsync("/api/votes", RawJson(WithSound("""{"rating":5}""", sound))));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ListMyVotes_ReturnsOnlyTheCallersVotes_NewestFirst_Paged()
    {
        var bob = await SignUpAsync("bob");
        var rain = await AddSoundAsync("rain", [1, 0, 0, 0, 0]);
        var waves = await AddSoundAsync("waves", [0, 0, 0, 0, 1]);
        await VoteAsync(rain, """{"rating":4}""");
        await VoteAsync(waves, """{"reaction":"dislike"}""");
        (await bob.Client.PostAsync("/api/votes", RawJson(WithSound("""{"rating":1}""", rain)))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var first = await ReadJsonAsync(await _ada.Client.GetAsync("/api/me/votes?pageSize=1"), HttpStatusCode.OK);
        var second = await ReadJsonAsync(await _ada.Client.GetAsync("/api/me/votes?page=2&pageSize=1"), HttpStatusCode.OK);

        first.GetProperty("total").GetInt32().ShouldBe(2);
        var newest = first.GetProperty("items").EnumerateArray().Single();
        newest.GetProperty("soundTitle").GetString().ShouldBe("waves");
        newest.GetProperty("reaction").GetString().ShouldBe("dislike");
        newest.GetProperty("rating").ValueKind.ShouldBe(JsonValueKind.Null);
        var older = second.GetProperty("items").EnumerateArray().Single();
        older.GetProperty("soundTitle").GetString().ShouldBe("rain");
        older.GetProperty("rating").GetInt32().ShouldBe(4);
    }

    [TestCase("/api/me/votes?pageSize=0", "pageSize")]
    [TestCase("/api/me/votes?page=-1", "page")]
    public async Task ListMyVotes_WithBadPaging_Returns400(string url, string field)
    {
        await ShouldBeFieldErrorAsync(await _ada.Client.GetAsync(url), field);
    }

    private async Task SetTasteAsync(TasteVector taste) => await AsOwnerAsync(async db =>
    {
        var profile = await db.Profiles.SingleAsync(p => p.Id == _ada.Id);
        profile.ApplyLearnedTaste(taste, TasteVector.Zero, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    });

    private static async Task<Guid> AddSoundAsync(string title, double[]? embedding)
    {
        var sound = Arrange.Sound(title, embedding is null ? null : TasteVector.FromValues(embedding));
        await AsOwnerAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });
        return sound.Id;
    }

    private async Task<JsonElement> VoteAsync(Guid soundId, string voteJson) =>
        await ReadJsonAsync(await _ada.Client.PostAsync("/api/votes", RawJson(WithSound(voteJson, soundId))), HttpStatusCode.Created);

    private static string WithSound(string voteJson, Guid soundId)
    {
        var body = new JsonObject { ["soundId"] = soundId.ToString() };
        foreach (var (key, value) in JsonNode.Parse(voteJson)!.AsObject())
            body[key] = value?.DeepClone();
        return body.ToJsonString();
    }

    internal static double[] ReadTaste(JsonElement taste) =>
        TasteVector.AxisNames.Select(axis => taste.GetProperty(axis).GetDouble()).ToArray();

    private static void ShouldBeClose(double[] actual, double[] expected)
    {
        for (var i = 0; i < expected.Length; i++)
            actual[i].ShouldBe(expected[i], 1e-6, $"axis {TasteVector.AxisNames[i]}: [{string.Join(", ", actual)}]");
    }
}
