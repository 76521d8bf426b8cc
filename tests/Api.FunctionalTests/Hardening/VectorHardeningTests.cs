using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Recommendation.PlanQueues;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Api.FunctionalTests.Hardening;

/// <summary>Issue 11, items 1, 3 and 8 through the real pipeline: vectors in requests, unreadable explanations, the public room view.</summary>
public sealed class VectorHardeningTests : ListenerApiTest
{
    private Listener _admin = null!;
    private Listener _manager = null!;

    [SetUp]
    public async Task SignUpAnAdminAndAManagerAsync()
    {
        _admin = await SignUpAsync("admin");
        _manager = await SignUpAsync("manager");
        await AsOwnerAsync(async db =>
        {
            db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Admin, DateTimeOffset.UtcNow));
            db.Roles.Add(RoleAssignment.Grant(_manager.Id, Role.Manager, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
    }

    // Item 3: an axis left out is named, never a silent 0; 1e39 (infinity as float32) and 1e-46 (0 as float32) are refused.
    [TestCase("""{"embedding":{"rain":0.5,"fire":0,"thunder":0,"waves":0}}""", "embedding.wind")]
    [TestCase("""{"embedding":{"rain":0.5,"wind":0.1,"fire":0,"thunder":0}}""", "embedding.waves")]
    [TestCase("""{"embedding":{"rain":null,"wind":0.1,"fire":0,"thunder":0,"waves":0}}""", "embedding.rain")]
    [TestCase("""{"embedding":{}}""", "embedding.thunder")]
    [TestCase("""{"embedding":{"rain":1e39,"wind":0,"fire":0,"thunder":0,"waves":0}}""", "embedding.rain")]
    [TestCase("""{"embedding":{"rain":0.5,"wind":1e-46,"fire":0,"thunder":0,"waves":0}}""", "embedding.wind")]
    // Item 1: an override without a direction would rank as NaN.
    [TestCase("""{"embedding":{"rain":0,"wind":0,"fire":0,"thunder":0,"waves":0}}""", "embedding")]
    [TestCase("""{"embedding":{"rain":1e-30,"wind":0,"fire":0,"thunder":0,"waves":0}}""", "embedding")]
    public async Task PatchSound_WithAnIncompleteOrUnrankableEmbedding_Returns400NamingItAndChangesNothing(string json, string field)
    {
        var sound = Arrange.Sound("keep", Arrange.Vector(0.2, 0.3, 0.4, 0.5, 0.6));
        await AsOwnerAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });

        var response = await ShouldChangeNothingAsync(() => _admin.Client.PatchAsync($"/api/sounds/{sound.Id}", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, field);
        (await AsOwnerAsync(db => db.Sounds.SingleAsync())).Embedding!.ToArray().ShouldBe([0.2, 0.3, 0.4, 0.5, 0.6], tolerance: 1e-6);
    }

    [Test]
    public async Task PatchSound_WithAllFiveAxes_StoresExactlyThem()
    {
        var sound = Arrange.Sound("tune", Arrange.Vector(0.2, 0.3, 0.4, 0.5, 0.6));
        await AsOwnerAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });

        var body = await ReadJsonAsync(await _admin.Client.PatchAsync($"/api/sounds/{sound.Id}",
            RawJson("""{"embedding":{"rain":0,"wind":0,"fire":1,"thunder":0.25,"waves":1e-30}}""")), HttpStatusCode.OK);

        body.GetProperty("embedding").GetProperty("thunder").GetDouble().ShouldBe(0.25);
        (await AsOwnerAsync(db => db.Sounds.SingleAsync())).Embedding!.ToArray().ShouldBe([0, 0, 1, 0.25, 1e-30], tolerance: 1e-12);
    }

    [TestCase("""{"defaultVector":{"rain":0.5,"fire":0,"thunder":0,"waves":0}}""", "defaultVector.wind")]
    [TestCase("""{"defaultVector":{"rain":0.5,"wind":0,"fire":0,"thunder":0}}""", "defaultVector.waves")]
    [TestCase("""{"defaultVector":{"rain":1e39,"wind":0,"fire":0,"thunder":0,"waves":0}}""", "defaultVector.rain")]
    [TestCase("""{"defaultVector":{"rain":0,"wind":0,"fire":-1e39,"thunder":0,"waves":0}}""", "defaultVector.fire")]
    [TestCase("""{"defaultVector":{"rain":0,"wind":0,"fire":0,"thunder":1e-46,"waves":0.5}}""", "defaultVector.thunder")]
    [TestCase("""{"defaultVector":{"rain":0,"wind":0,"fire":0,"thunder":0,"waves":1.5}}""", "defaultVector.waves")]
    public async Task PatchPlayer_WithAnIncompleteOrOutOfRangeDefaultVector_Returns400NamingTheAxisAndChangesNothing(string json, string field)
    {
        var id = (await ReadJsonAsync(await _manager.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

        var response = await ShouldChangeNothingAsync(() => _manager.Client.PatchAsync($"/api/players/{id}", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, field);
        (await AsOwnerAsync(db => db.Players.SingleAsync())).DefaultVector.ShouldBeNull();
    }

    // Item 1: a queue row whose explanation cannot be read (as a NaN once made it) never fails a read.
    [TestCase("""{"similarity": "NaN", "penalty": 0, "score": "NaN", "listeners": 1, "fallback": "room"}""")]
    [TestCase("""{"similarity": 1e400, "penalty": 0, "score": 0.5, "listeners": 1, "fallback": "room"}""")]
    [TestCase("""{"similarity": 0.5, "penalty": 0, "score": 0.5, "listeners": 1, "fallback": "somewhere"}""")]
    [TestCase("""{"similarity": 0.5}""")]
    [TestCase("""[1, 2, 3]""")]
    [TestCase("\"NaN\"")]
    public async Task Queue_WithAnUnreadableExplanation_StillAnswersOnTheDeviceTheManagersViewAndTheRoomView(string explanation)
    {
        var created = await ReadJsonAsync(await _manager.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created);
        var playerId = created.GetProperty("id").GetGuid();
        var sounds = new[] { Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0)), Arrange.Sound("wind", Arrange.Vector(0, 1, 0, 0, 0)) };
        await AsOwnerAsync(async db =>
        {
            db.Sounds.AddRange(sounds);
            for (var i = 0; i < sounds.Length; i++)
                db.PlayerQueue.Add(QueueItem.Enqueue(playerId, PlayableRef.ForSound(sounds[i].Id), i,
                    new QueueExplanation(0.9, 0, 0.9, 1, CollectiveFallback.Room), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        await AsOwnerAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE player_queue SET explanation = {explanation}::jsonb WHERE position = 0"));
        using var device = Testing.Factory.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", created.GetProperty("deviceKey").GetString());

        var queue = await ReadJsonAsync(await device.GetAsync("/api/device/queue"), HttpStatusCode.OK);
        var managed = await ReadJsonAsync(await _manager.Client.GetAsync($"/api/players/{playerId}/queue"), HttpStatusCode.OK);
        var now = await ReadJsonAsync(await Client.GetAsync($"/api/players/{playerId}/now"), HttpStatusCode.OK);

        queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sound").GetProperty("title").GetString()).ShouldBe(["rain", "wind"]);
        var items = managed.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("title").GetString()).ShouldBe(["rain", "wind"]);
        // The unreadable one reads as "no explanation"; the other keeps its numbers.
        items[0].GetProperty("fallback").GetString().ShouldBe("none");
        items[0].GetProperty("score").GetDouble().ShouldBe(0);
        items[1].GetProperty("score").GetDouble().ShouldBe(0.9);
        items[1].GetProperty("fallback").GetString().ShouldBe("room");
        now.GetProperty("next")[0].GetProperty("title").GetString().ShouldBe("rain");
    }

    // Item 8: with fewer than three listeners' tastes, the public room view shows no collective vector.
    [TestCase(1, 1, false)]
    [TestCase(2, 2, false)]
    [TestCase(3, 1, false)]
    [TestCase(3, 3, true)]
    [TestCase(4, 4, true)]
    public async Task NowView_ShowsTheRoomsTasteOnlyWhenThreeOrMoreListenersTastesMadeIt(int listeners, int withTaste, bool shown)
    {
        var player = Arrange.Player("Lobby", "lobby");
        await AsOwnerAsync(async db =>
        {
            db.Players.Add(player);
            db.Sounds.Add(Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0)));
            await db.SaveChangesAsync();
        });
        var tastes = new[] { Arrange.Vector(1, 0, 0, 0, 0), Arrange.Vector(0, 1, 0, 0, 0), Arrange.Vector(0, 0, 1, 0, 0), Arrange.Vector(0, 0, 0, 1, 0) };
        for (var i = 0; i < listeners; i++)
        {
            var listener = await SignUpAsync($"listener{i}");
            if (i < withTaste)
            {
                var taste = tastes[i];
                await AsOwnerAsync(async db =>
                {
                    (await db.Profiles.SingleAsync(p => p.Id == listener.Id)).ApplyLearnedTaste(taste, Domain.Vectors.TasteVector.Zero, DateTimeOffset.UtcNow);
                    await db.SaveChangesAsync();
                });
            }
            (await listener.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        await using (var scope = Testing.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
            (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PlanQueuesCommand([player.Id]))).Single().Collective.Fallback.ShouldBe(CollectiveFallback.Room);
        }

        var now = await ReadJsonAsync(await Client.GetAsync($"/api/players/{player.Id}/now"), HttpStatusCode.OK);

        now.GetProperty("listeners").GetInt32().ShouldBe(listeners);
        now.GetProperty("next")[0].GetProperty("why").GetProperty("fallback").GetString().ShouldBe("room");
        var vector = now.GetProperty("taste");
        if (!shown)
        {
            vector.ValueKind.ShouldBe(JsonValueKind.Null);
            (await AsOwnerAsync(db => db.Players.SingleAsync())).CollectiveVector.ShouldBeNull("not even stored where the public view reads");
            return;
        }
        // The mean direction of the tastes: equal parts of each axis.
        var share = 1 / Math.Sqrt(withTaste);
        new[] { "rain", "wind", "fire", "thunder" }.Take(withTaste).Select(a => vector.GetProperty(a).GetDouble()).ShouldAllBe(x => Math.Abs(x - share) < 1e-6);
    }
}
