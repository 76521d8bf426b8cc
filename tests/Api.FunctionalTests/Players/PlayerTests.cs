using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;

namespace Soundscape.Api.FunctionalTests.Players;

public sealed class PlayerTests : ListenerApiTest
{
    private Listener _managerA = null!;
    private Listener _managerB = null!;
    private Listener _admin = null!;
    private Listener _listener = null!;
    private Sound _rain = null!;
    private Sound _fire = null!;

    [SetUp]
    public async Task ArrangeAsync()
    {
        _managerA = await SignUpAsync("manager-a");
        _managerB = await SignUpAsync("manager-b");
        _admin = await SignUpAsync("admin");
        _listener = await SignUpAsync("listener");
        _rain = Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0));
        _fire = Arrange.Sound("fire", Arrange.Vector(0, 0, 1, 0, 0));
        await AsOwnerAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Roles.AddRange(
                RoleAssignment.Grant(_managerA.Id, Role.Manager, now),
                RoleAssignment.Grant(_managerB.Id, Role.Manager, now),
                RoleAssignment.Grant(_admin.Id, Role.Admin, now));
            db.Sounds.AddRange(_rain, _fire);
            await db.SaveChangesAsync();
        });
    }

    private static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task<JsonElement> CreatePlayerAsync(Listener who, string name, string? checkinCode = null) =>
        await ReadJsonAsync(await who.Client.PostAsJsonAsync("/api/players", new { name, checkinCode }), HttpStatusCode.Created);

    private static async Task<Guid> CreatePlayerIdAsync(Listener who, string name, string? checkinCode = null) =>
        (await CreatePlayerAsync(who, name, checkinCode)).GetProperty("id").GetGuid();

    private static Task<Player> StoredAsync(Guid id) => AsOwnerAsync(db => db.Players.AsNoTracking().Include(p => p.DeviceKey).SingleAsync(p => p.Id == id));

    // ---- POST /api/players

    [Test]
    public async Task Create_AsManager_Returns201WithTheDeviceKeyOnce_AndStoresOnlyItsHash()
    {
        var response = await _managerA.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby-1" });

        var created = await ReadJsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/players/{id}");
        created.GetProperty("name").GetString().ShouldBe("Lobby");
        created.GetProperty("checkinCode").GetString().ShouldBe("lobby-1");
        var key = created.GetProperty("deviceKey").GetString()!;
        Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/') + "=").Length.ShouldBe(32);
        var stored = await StoredAsync(id);
        stored.ManagerId.ShouldBe(_managerA.Id);
        stored.DeviceKey!.Hash.ShouldBe(Sha256Hex(key));
        stored.Status.ShouldBe(PlayerStatus.Offline);

        var read = await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}"), HttpStatusCode.OK);
        read.TryGetProperty("deviceKey", out _).ShouldBeFalse();
        read.TryGetProperty("deviceKeyHash", out _).ShouldBeFalse();
        (await _managerA.Client.GetStringAsync($"/api/players/{id}")).ShouldNotContain(stored.DeviceKey!.Hash);
    }

    [Test]
    public async Task Create_WithoutCheckinCode_GeneratesAReadableOne()
    {
        var created = await CreatePlayerAsync(_admin, "Café");

        created.GetProperty("checkinCode").GetString()!.ShouldMatch("^[a-z2-7]{10}$");
        (await StoredAsync(created.GetProperty("id").GetGuid())).ManagerId.ShouldBe(_admin.Id);
    }

    [Test]
    public async Task Create_AsPlainListener_Returns403AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _listener.Client.PostAsJsonAsync("/api/players", new { name = "Mine" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Create_Anonymously_Returns401AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => Client.PostAsJsonAsync("/api/players", new { name = "Mine" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Create_WithADuplicateCheckinCode_Returns409AndChangesNothing()
    {
        await CreatePlayerIdAsync(_managerB, "Lobby", "lobby");

        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PostAsJsonAsync("/api/players", new { name = "Other", checkinCode = "lobby" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
    }

    [TestCase("has space")]
    [TestCase("")]
    [TestCase("ümlaut")]
    public async Task Create_WithABadCheckinCode_Returns400AndChangesNothing(string code)
    {
        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = code }));

        await ShouldBeFieldErrorAsync(response, "checkinCode");
    }

    [Test]
    public async Task Create_WithoutName_Returns400AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PostAsJsonAsync("/api/players", new { checkinCode = "x" }));

        await ShouldBeFieldErrorAsync(response, "name");
    }

    // ---- GET /api/players, GET /api/players/{id}

    [Test]
    public async Task List_ManagerSeesOwnPlayers_AdminSeesAll()
    {
        var a1 = await CreatePlayerIdAsync(_managerA, "A1");
        var b1 = await CreatePlayerIdAsync(_managerB, "B1");
        var a2 = await CreatePlayerIdAsync(_managerA, "A2");

        var mine = await ReadJsonAsync(await _managerA.Client.GetAsync("/api/players"), HttpStatusCode.OK);
        var all = await ReadJsonAsync(await _admin.Client.GetAsync("/api/players"), HttpStatusCode.OK);

        mine.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([a2, a1]);
        mine.GetProperty("total").GetInt32().ShouldBe(2);
        all.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([a2, b1, a1]);
    }

    [Test]
    public async Task List_AsPlainListener_Returns403() =>
        await ShouldBeProblemAsync(await _listener.Client.GetAsync("/api/players"), HttpStatusCode.Forbidden);

    [Test]
    public async Task List_WithABadPage_Returns400() =>
        await ShouldBeFieldErrorAsync(await _managerA.Client.GetAsync("/api/players?page=0"), "page");

    [Test]
    public async Task Get_OwnPlayer_ReturnsTheManagementFields()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby", "lobby");

        var player = await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}"), HttpStatusCode.OK);

        player.GetProperty("name").GetString().ShouldBe("Lobby");
        player.GetProperty("checkinCode").GetString().ShouldBe("lobby");
        player.GetProperty("status").GetString().ShouldBe("offline");
        player.GetProperty("managerId").GetGuid().ShouldBe(_managerA.Id);
        player.GetProperty("librarySize").GetInt32().ShouldBe(0);
        player.GetProperty("lastPollAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task Get_AnotherManagersPlayer_Returns404_ButAnAdminSeesIt()
    {
        var id = await CreatePlayerIdAsync(_managerB, "B's");

        await ShouldBeProblemAsync(await _managerA.Client.GetAsync($"/api/players/{id}"), HttpStatusCode.NotFound);
        (await ReadJsonAsync(await _admin.Client.GetAsync($"/api/players/{id}"), HttpStatusCode.OK)).GetProperty("name").GetString().ShouldBe("B's");
        await ShouldBeProblemAsync(await _listener.Client.GetAsync($"/api/players/{id}"), HttpStatusCode.Forbidden);
    }

    // ---- PATCH /api/players/{id}

    [Test]
    public async Task Patch_OwnPlayer_ChangesNameCodeAndDefaultVector()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby", "lobby");

        var player = await ReadJsonAsync(await _managerA.Client.PatchAsJsonAsync($"/api/players/{id}", new
        {
            name = "Front lobby", checkinCode = "front", defaultVector = new { rain = 0.5, wind = 0, fire = 0, thunder = 0, waves = 0.5 },
        }), HttpStatusCode.OK);

        player.GetProperty("name").GetString().ShouldBe("Front lobby");
        player.GetProperty("checkinCode").GetString().ShouldBe("front");
        player.GetProperty("defaultVector").GetProperty("waves").GetDouble().ShouldBe(0.5);
        var stored = await StoredAsync(id);
        stored.Name.ShouldBe("Front lobby");
        stored.CheckinCode.ShouldBe("front");
        stored.DefaultVector!.ToArray().ShouldBe([0.5, 0, 0, 0, 0.5]);
    }

    [Test]
    public async Task Patch_AnotherManagersPlayer_Returns404AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerB, "B's", "b-code");

        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PatchAsJsonAsync($"/api/players/{id}", new { name = "taken over" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Patch_AnyPlayer_AsAdmin_Works()
    {
        var id = await CreatePlayerIdAsync(_managerB, "B's");

        await ReadJsonAsync(await _admin.Client.PatchAsJsonAsync($"/api/players/{id}", new { name = "Renamed by admin" }), HttpStatusCode.OK);

        (await StoredAsync(id)).Name.ShouldBe("Renamed by admin");
        (await StoredAsync(id)).ManagerId.ShouldBe(_managerB.Id);
    }

    [Test]
    public async Task Patch_ToAnotherPlayersCheckinCode_Returns409AndChangesNothing()
    {
        await CreatePlayerIdAsync(_managerB, "B's", "taken");
        var id = await CreatePlayerIdAsync(_managerA, "A's", "mine");

        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PatchAsJsonAsync($"/api/players/{id}", new { checkinCode = "taken" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Patch_WithBadInput_Returns400AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerA, "A's", "mine");

        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() => _managerA.Client.PatchAsync($"/api/players/{id}", RawJson("{}"))), "body");
        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() =>
            _managerA.Client.PatchAsJsonAsync($"/api/players/{id}", new { checkinCode = "no spaces" })), "checkinCode");
        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() =>
            _managerA.Client.PatchAsJsonAsync($"/api/players/{id}", new { name = " " })), "name");
    }

    [Test]
    public async Task Patch_AsPlainListener_Returns403AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerA, "A's");

        var response = await ShouldChangeNothingAsync(() => _listener.Client.PatchAsJsonAsync($"/api/players/{id}", new { name = "x" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
    }

    // ---- DELETE /api/players/{id}

    [Test]
    public async Task Delete_OwnPlayer_Returns204AndRemovesItWithItsLibrary()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Old");
        await _managerA.Client.PutAsJsonAsync($"/api/players/{id}/library", new { soundIds = new[] { _rain.Id } });

        (await _managerA.Client.DeleteAsync($"/api/players/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await AsOwnerAsync(db => db.Players.AnyAsync(p => p.Id == id))).ShouldBeFalse();
        (await AsOwnerAsync(db => db.PlayerLibrary.AnyAsync())).ShouldBeFalse();
    }

    [Test]
    public async Task Delete_AnotherManagersPlayer_Returns404AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerB, "B's");

        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => _managerA.Client.DeleteAsync($"/api/players/{id}")), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_UnknownPlayer_Returns404() =>
        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => _admin.Client.DeleteAsync($"/api/players/{Guid.NewGuid()}")), HttpStatusCode.NotFound);

    // ---- POST /api/players/{id}/device-key

    [Test]
    public async Task RotateDeviceKey_ReturnsANewKey_AndStoresItsHash()
    {
        var created = await CreatePlayerAsync(_managerA, "Lobby");
        var id = created.GetProperty("id").GetGuid();
        var oldKey = created.GetProperty("deviceKey").GetString()!;

        var rotated = await ReadJsonAsync(await _managerA.Client.PostAsync($"/api/players/{id}/device-key", null), HttpStatusCode.OK);

        var newKey = rotated.GetProperty("deviceKey").GetString()!;
        newKey.ShouldNotBe(oldKey);
        rotated.GetProperty("playerId").GetGuid().ShouldBe(id);
        var stored = await StoredAsync(id);
        stored.DeviceKey!.Hash.ShouldBe(Sha256Hex(newKey));
        stored.DeviceKey!.Hash.ShouldNotBe(Sha256Hex(oldKey));
    }

    [Test]
    public async Task RotateDeviceKey_OfAnotherManagersPlayer_Returns404AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerB, "B's");

        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PostAsync($"/api/players/{id}/device-key", null));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task RotateDeviceKey_AsPlainListener_Returns403AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerA, "A's");

        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => _listener.Client.PostAsync($"/api/players/{id}/device-key", null)),
            HttpStatusCode.Forbidden);
    }

    // ---- PUT/GET /api/players/{id}/library

    [Test]
    public async Task SetLibrary_ReplacesTheSet_IgnoringDuplicates_AndEmptyMeansWholeLibrary()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby");

        var set = await ReadJsonAsync(await _managerA.Client.PutAsJsonAsync($"/api/players/{id}/library",
            new { soundIds = new[] { _rain.Id, _fire.Id, _rain.Id } }), HttpStatusCode.OK);

        set.GetProperty("soundIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([_rain.Id, _fire.Id]);
        set.GetProperty("wholeLibrary").GetBoolean().ShouldBeFalse();
        (await AsOwnerAsync(db => db.PlayerLibrary.Where(e => e.PlayerId == id).Select(e => e.SoundId).ToListAsync()))
            .ShouldBe([_rain.Id, _fire.Id], ignoreOrder: true);
        (await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}"), HttpStatusCode.OK)).GetProperty("librarySize").GetInt32().ShouldBe(2);

        var replaced = await ReadJsonAsync(await _managerA.Client.PutAsJsonAsync($"/api/players/{id}/library",
            new { soundIds = new[] { _fire.Id } }), HttpStatusCode.OK);
        replaced.GetProperty("soundIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([_fire.Id]);
        var read = await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}/library"), HttpStatusCode.OK);
        read.GetProperty("soundIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([_fire.Id]);

        var cleared = await ReadJsonAsync(await _managerA.Client.PutAsJsonAsync($"/api/players/{id}/library",
            new { soundIds = Array.Empty<Guid>() }), HttpStatusCode.OK);
        cleared.GetProperty("wholeLibrary").GetBoolean().ShouldBeTrue();
        (await AsOwnerAsync(db => db.PlayerLibrary.AnyAsync())).ShouldBeFalse();
    }

    [Test]
    public async Task SetLibrary_WithAnUnknownSound_Returns400NamingItAndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby");
        await _managerA.Client.PutAsJsonAsync($"/api/players/{id}/library", new { soundIds = new[] { _rain.Id } });

        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PutAsJsonAsync($"/api/players/{id}/library",
            new { soundIds = new[] { _fire.Id, Guid.NewGuid() } }));

        await ShouldBeFieldErrorAsync(response, "soundIds[1]");
    }

    [Test]
    public async Task SetLibrary_WithoutSoundIds_Returns400AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby");

        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() => _managerA.Client.PutAsync($"/api/players/{id}/library", RawJson("{}"))), "soundIds");
    }

    [Test]
    public async Task SetLibrary_OfAnotherManagersPlayer_Returns404AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerB, "B's");

        var response = await ShouldChangeNothingAsync(() => _managerA.Client.PutAsJsonAsync($"/api/players/{id}/library",
            new { soundIds = new[] { _rain.Id } }));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await _managerA.Client.GetAsync($"/api/players/{id}/library"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task SetLibrary_AsPlainListener_Returns403AndChangesNothing()
    {
        var id = await CreatePlayerIdAsync(_managerA, "A's");

        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => _listener.Client.PutAsJsonAsync($"/api/players/{id}/library",
            new { soundIds = new[] { _rain.Id } })), HttpStatusCode.Forbidden);
    }

    // ---- GET /api/players/{id}/history

    [Test]
    public async Task History_ReturnsPlaysNewestFirst_WithTitles_Paged()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby");
        var mix = await ReadJsonAsync(await _managerA.Client.PostAsJsonAsync("/api/mixes",
            new { name = "Storm", layers = new[] { new { soundId = _rain.Id, volume = 1.0 } } }), HttpStatusCode.Created);
        var mixId = mix.GetProperty("id").GetGuid();
        var start = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        await AsOwnerAsync(async db =>
        {
            var first = PlayHistoryEntry.Start(id, PlayableRef.ForSound(_rain.Id), start, 2);
            first.End(start.AddMinutes(1));
            db.PlayHistory.AddRange(first,
                PlayHistoryEntry.Start(id, PlayableRef.ForMix(mixId), start.AddMinutes(2), 3),
                PlayHistoryEntry.Start(id, PlayableRef.ForSound(_fire.Id), start.AddMinutes(4), 1));
            await db.SaveChangesAsync();
        });

        var page = await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}/history?pageSize=2"), HttpStatusCode.OK);

        page.GetProperty("total").GetInt32().ShouldBe(3);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("title").GetString()).ShouldBe(["fire", "Storm"]);
        items[1].GetProperty("mixId").GetGuid().ShouldBe(mixId);
        items[1].GetProperty("soundId").ValueKind.ShouldBe(JsonValueKind.Null);
        items[1].GetProperty("listeners").GetInt32().ShouldBe(3);
        var last = await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}/history?page=2&pageSize=2"), HttpStatusCode.OK);
        var oldest = last.GetProperty("items").EnumerateArray().Single();
        oldest.GetProperty("title").GetString().ShouldBe("rain");
        oldest.GetProperty("endedAt").GetDateTimeOffset().ShouldBe(start.AddMinutes(1));
    }

    [Test]
    public async Task History_OfAnotherManagersPlayer_Returns404()
    {
        var id = await CreatePlayerIdAsync(_managerB, "B's");
        await AsOwnerAsync(async db =>
        {
            db.PlayHistory.Add(PlayHistoryEntry.Start(id, PlayableRef.ForSound(_rain.Id), DateTimeOffset.UtcNow, 1));
            await db.SaveChangesAsync();
        });

        await ShouldBeProblemAsync(await _managerA.Client.GetAsync($"/api/players/{id}/history"), HttpStatusCode.NotFound);
        (await ReadJsonAsync(await _admin.Client.GetAsync($"/api/players/{id}/history"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Test]
    public async Task History_WithABadPageSize_Returns400()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby");

        await ShouldBeFieldErrorAsync(await _managerA.Client.GetAsync($"/api/players/{id}/history?pageSize=500"), "pageSize");
    }

    [Test]
    public async Task ListenerCount_StaysPublic()
    {
        var id = await CreatePlayerIdAsync(_managerA, "Lobby");

        (await ReadJsonAsync(await Client.GetAsync($"/api/players/{id}/listeners"), HttpStatusCode.OK)).GetProperty("active").GetInt32().ShouldBe(0);
    }
}
