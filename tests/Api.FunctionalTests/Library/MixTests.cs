using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Library;

namespace Soundscape.Api.FunctionalTests.Library;

public sealed class MixTests : ListenerApiTest
{
    private Listener _ada = null!;
    private Listener _bob = null!;
    private Sound _rain = null!;
    private Sound _fire = null!;
    private Sound _silent = null!;

    [SetUp]
    public async Task ArrangeAsync()
    {
        _ada = await SignUpAsync("ada");
        _bob = await SignUpAsync("bob");
        _rain = Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0));
        _fire = Arrange.Sound("fire", Arrange.Vector(0, 0, 1, 0, 0));
        _silent = Arrange.Sound("unanalysed", null);
        await AsOwnerAsync(async db => { db.Sounds.AddRange(_rain, _fire, _silent); await db.SaveChangesAsync(); });
    }

    private static object Layer(Guid soundId, double volume = 1, bool loop = false, double delaySeconds = 0) =>
        new { soundId, volume, loop, delaySeconds };

    private async Task<Guid> CreateMixAsync(Listener who, string name, bool isPublic, params object[] layers)
    {
        var mix = await ReadJsonAsync(await who.Client.PostAsJsonAsync("/api/mixes", new { name, isPublic, layers }), HttpStatusCode.Created);
        return mix.GetProperty("id").GetGuid();
    }

    [Test]
    public async Task Create_ValidMix_Returns201WithLayersDurationAndWeightedEmbedding()
    {
        var response = await _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = " Storm night ",
            layers = new[] { Layer(_rain.Id, 0.75, loop: true), Layer(_fire.Id, 0.25, delaySeconds: 5), Layer(_silent.Id, 1) },
        });

        var mix = await ReadJsonAsync(response, HttpStatusCode.Created);
        var id = mix.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().ShouldBe($"/api/mixes/{id}");
        mix.GetProperty("name").GetString().ShouldBe("Storm night");
        mix.GetProperty("isPublic").GetBoolean().ShouldBeFalse();
        mix.GetProperty("creatorId").GetGuid().ShouldBe(_ada.Id);
        // Longest non-looping layer: fire (60 s) after 5 s; the unanalysed one is 60 s without delay.
        mix.GetProperty("durationSeconds").GetDouble().ShouldBe(65);
        var embedding = mix.GetProperty("embedding");
        embedding.GetProperty("rain").GetDouble().ShouldBe(0.75, 1e-9);
        embedding.GetProperty("fire").GetDouble().ShouldBe(0.25, 1e-9);
        embedding.GetProperty("wind").GetDouble().ShouldBe(0, 1e-9);
        var layers = mix.GetProperty("layers");
        layers.GetArrayLength().ShouldBe(3);
        layers[0].GetProperty("soundTitle").GetString().ShouldBe("rain");
        layers[0].GetProperty("loop").GetBoolean().ShouldBeTrue();
        layers[1].GetProperty("delaySeconds").GetDouble().ShouldBe(5);

        var stored = await AsOwnerAsync(db => db.Mixes.SingleAsync(m => m.Id == id));
        stored.CreatorId.ShouldBe(_ada.Id);
        stored.DurationSeconds.ShouldBe(65);
        stored.Layers.Select(l => l.SoundId).ShouldBe([_rain.Id, _fire.Id, _silent.Id]);
        stored.Layers[0].Volume.ShouldBe(0.75);
    }

    [Test]
    public async Task Create_TwoIdenticalLayers_KeepsBoth()
    {
        var id = await CreateMixAsync(_ada, "double rain", false, Layer(_rain.Id, 0.5), Layer(_rain.Id, 0.5));

        (await AsOwnerAsync(db => db.Mixes.SingleAsync(m => m.Id == id))).Layers.Count.ShouldBe(2);
    }

    [Test]
    public async Task Create_WithoutEmbeddedSounds_HasANullEmbedding()
    {
        var mix = await ReadJsonAsync(await _ada.Client.PostAsJsonAsync("/api/mixes",
            new { name = "quiet", layers = new[] { Layer(_silent.Id) } }), HttpStatusCode.Created);

        mix.GetProperty("embedding").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task Create_SeventeenLayers_Returns400AndChangesNothing()
    {
        var layers = Enumerable.Range(0, 17).Select(_ => Layer(_rain.Id)).ToArray();

        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new { name = "too many", layers }));

        await ShouldBeFieldErrorAsync(response, "layers");
    }

    [Test]
    public async Task Create_NoLayers_Returns400AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new { name = "empty", layers = Array.Empty<object>() }));

        await ShouldBeFieldErrorAsync(response, "layers");
    }

    [Test]
    public async Task Create_VolumeAboveOneAtLayer2_Returns400NamingThatLayer()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "loud",
            layers = new[] { Layer(_rain.Id), Layer(_fire.Id), Layer(_rain.Id, 1.5) },
        }));

        await ShouldBeFieldErrorAsync(response, "layers[2].volume");
    }

    [Test]
    public async Task Create_UnknownSoundInLayer0_Returns400NamingThatLayer()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "ghost",
            layers = new[] { Layer(Guid.NewGuid()), Layer(_rain.Id) },
        }));

        await ShouldBeFieldErrorAsync(response, "layers[0].soundId");
    }

    [Test]
    public async Task Create_SeveralBadLayers_NamesEachOfThem()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "bad",
            layers = new[] { Layer(Guid.NewGuid()), Layer(_rain.Id, -0.1), Layer(_fire.Id, delaySeconds: -1) },
        }));

        var errors = (await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["layers[0].soundId", "layers[1].volume", "layers[2].delaySeconds"]);
    }

    [Test]
    public async Task Create_NegativeDelay_Returns400NamingThatLayer()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "early", layers = new[] { Layer(_rain.Id, delaySeconds: -2) },
        }));

        await ShouldBeFieldErrorAsync(response, "layers[0].delaySeconds");
    }

    [Test]
    public async Task Create_LayerWithoutSoundOrVolume_Returns400NamingTheFields()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsync("/api/mixes",
            RawJson("""{"name":"half","layers":[{"loop":true}]}""")));

        await ShouldBeFieldErrorAsync(response, "layers[0].soundId");
        await ShouldBeFieldErrorAsync(await _ada.Client.PostAsync("/api/mixes",
            RawJson($$"""{"name":"half","layers":[{"soundId":"{{_rain.Id}}"}]}""")), "layers[0].volume");
    }

    [Test]
    public async Task Create_WithoutName_Returns400AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new { name = "  ", layers = new[] { Layer(_rain.Id) } }));

        await ShouldBeFieldErrorAsync(response, "name");
    }

    [Test]
    public async Task Create_Anonymously_Returns401AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => Client.PostAsJsonAsync("/api/mixes", new { name = "anon", layers = new[] { Layer(_rain.Id) } }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Get_OwnPrivateMix_Returns200()
    {
        var id = await CreateMixAsync(_ada, "mine", false, Layer(_rain.Id));

        var mix = await ReadJsonAsync(await _ada.Client.GetAsync($"/api/mixes/{id}"), HttpStatusCode.OK);

        mix.GetProperty("name").GetString().ShouldBe("mine");
    }

    [Test]
    public async Task Get_SomeoneElsesPrivateMix_Returns404()
    {
        var id = await CreateMixAsync(_ada, "secret", false, Layer(_rain.Id));

        await ShouldBeProblemAsync(await _bob.Client.GetAsync($"/api/mixes/{id}"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await Client.GetAsync($"/api/mixes/{id}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Get_SomeoneElsesPublicMix_IsReadableByAnyone()
    {
        var id = await CreateMixAsync(_ada, "shared", true, Layer(_rain.Id));

        (await ReadJsonAsync(await _bob.Client.GetAsync($"/api/mixes/{id}"), HttpStatusCode.OK)).GetProperty("isPublic").GetBoolean().ShouldBeTrue();
        (await ReadJsonAsync(await Client.GetAsync($"/api/mixes/{id}"), HttpStatusCode.OK)).GetProperty("creatorId").GetGuid().ShouldBe(_ada.Id);
    }

    [Test]
    public async Task Get_UnknownMix_Returns404() =>
        await ShouldBeProblemAsync(await _ada.Client.GetAsync($"/api/mixes/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

    [Test]
    public async Task List_ReturnsOwnAndPublicMixes_NewestFirst()
    {
        var adaPrivate = await CreateMixAsync(_ada, "ada private", false, Layer(_rain.Id));
        var bobPublic = await CreateMixAsync(_bob, "bob public", true, Layer(_fire.Id));
        await CreateMixAsync(_bob, "bob private", false, Layer(_fire.Id));
        var adaPublic = await CreateMixAsync(_ada, "ada public", true, Layer(_rain.Id));

        var page = await ReadJsonAsync(await _ada.Client.GetAsync("/api/mixes"), HttpStatusCode.OK);

        page.GetProperty("total").GetInt32().ShouldBe(3);
        page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ShouldBe([adaPublic, bobPublic, adaPrivate]);
        var anonymous = await ReadJsonAsync(await Client.GetAsync("/api/mixes"), HttpStatusCode.OK);
        anonymous.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ShouldBe([adaPublic, bobPublic]);
        var second = await ReadJsonAsync(await _ada.Client.GetAsync("/api/mixes?page=2&pageSize=2"), HttpStatusCode.OK);
        second.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ShouldBe([adaPrivate]);
    }

    [Test]
    public async Task List_WithABadPageSize_Returns400() =>
        await ShouldBeFieldErrorAsync(await _ada.Client.GetAsync("/api/mixes?pageSize=0"), "pageSize");

    [Test]
    public async Task Patch_OwnMix_RenamesPublishesAndReplacesLayers()
    {
        var id = await CreateMixAsync(_ada, "draft", false, Layer(_rain.Id));

        var mix = await ReadJsonAsync(await _ada.Client.PatchAsJsonAsync($"/api/mixes/{id}", new
        {
            name = "final",
            isPublic = true,
            layers = new[] { Layer(_fire.Id, 0.5, delaySeconds: 30), Layer(_rain.Id, 0.5, loop: true) },
        }), HttpStatusCode.OK);

        mix.GetProperty("name").GetString().ShouldBe("final");
        mix.GetProperty("isPublic").GetBoolean().ShouldBeTrue();
        mix.GetProperty("durationSeconds").GetDouble().ShouldBe(90);
        mix.GetProperty("embedding").GetProperty("fire").GetDouble().ShouldBe(0.5, 1e-9);
        var stored = await AsOwnerAsync(db => db.Mixes.SingleAsync(m => m.Id == id));
        stored.Name.ShouldBe("final");
        stored.IsPublic.ShouldBeTrue();
        stored.Layers.Select(l => l.SoundId).ShouldBe([_fire.Id, _rain.Id]);
        stored.DurationSeconds.ShouldBe(90);
        stored.UpdatedAt.ShouldBeGreaterThan(stored.CreatedAt);
    }

    [Test]
    public async Task Patch_OnlyTheName_KeepsTheLayers()
    {
        var id = await CreateMixAsync(_ada, "draft", false, Layer(_rain.Id, 0.3));

        await ReadJsonAsync(await _ada.Client.PatchAsJsonAsync($"/api/mixes/{id}", new { name = "renamed" }), HttpStatusCode.OK);

        var stored = await AsOwnerAsync(db => db.Mixes.SingleAsync(m => m.Id == id));
        stored.Layers.Single().Volume.ShouldBe(0.3);
    }

    [Test]
    public async Task Patch_SomeoneElsesPrivateMix_Returns404AndChangesNothing()
    {
        var id = await CreateMixAsync(_ada, "secret", false, Layer(_rain.Id));

        var response = await ShouldChangeNothingAsync(() => _bob.Client.PatchAsJsonAsync($"/api/mixes/{id}", new { name = "mine now" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Patch_SomeoneElsesPublicMix_Returns403AndChangesNothing()
    {
        var id = await CreateMixAsync(_ada, "shared", true, Layer(_rain.Id));

        var response = await ShouldChangeNothingAsync(() => _bob.Client.PatchAsJsonAsync($"/api/mixes/{id}", new { isPublic = false }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Patch_WithABadLayer_Returns400NamingItAndChangesNothing()
    {
        var id = await CreateMixAsync(_ada, "draft", false, Layer(_rain.Id));

        var response = await ShouldChangeNothingAsync(() => _ada.Client.PatchAsJsonAsync($"/api/mixes/{id}", new
        {
            name = "kept?", layers = new[] { Layer(_rain.Id), Layer(Guid.NewGuid()) },
        }));

        await ShouldBeFieldErrorAsync(response, "layers[1].soundId");
    }

    [Test]
    public async Task Patch_WithAnEmptyBody_Returns400AndChangesNothing()
    {
        var id = await CreateMixAsync(_ada, "draft", false, Layer(_rain.Id));

        var response = await ShouldChangeNothingAsync(() => _ada.Client.PatchAsync($"/api/mixes/{id}", RawJson("{}")));

        await ShouldBeFieldErrorAsync(response, "body");
    }

    [Test]
    public async Task Patch_Anonymously_Returns401AndChangesNothing()
    {
        var id = await CreateMixAsync(_ada, "draft", true, Layer(_rain.Id));

        var response = await ShouldChangeNothingAsync(() => Client.PatchAsJsonAsync($"/api/mixes/{id}", new { name = "x" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Delete_OwnMix_Returns204AndRemovesIt()
    {
        var id = await CreateMixAsync(_ada, "old", true, Layer(_rain.Id));

        (await _ada.Client.DeleteAsync($"/api/mixes/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await AsOwnerAsync(db => db.Mixes.AnyAsync(m => m.Id == id))).ShouldBeFalse();
        await ShouldBeProblemAsync(await _ada.Client.GetAsync($"/api/mixes/{id}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_SomeoneElsesPrivateMix_Returns404AndChangesNothing()
    {
        var id = await CreateMixAsync(_ada, "secret", false, Layer(_rain.Id));

        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => _bob.Client.DeleteAsync($"/api/mixes/{id}")), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_SomeoneElsesPublicMix_Returns403AndChangesNothing()
    {
        var id = await CreateMixAsync(_ada, "shared", true, Layer(_rain.Id));

        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => _bob.Client.DeleteAsync($"/api/mixes/{id}")), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Delete_UnknownMix_Returns404() =>
        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => _ada.Client.DeleteAsync($"/api/mixes/{Guid.NewGuid()}")), HttpStatusCode.NotFound);
}
