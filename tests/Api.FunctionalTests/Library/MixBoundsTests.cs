using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Library;

namespace Soundscape.Api.FunctionalTests.Library;

/// <summary>A layer's delay (≤ 3600 s), its volume (0 or 0.0001–1) and the mix's duration (≤ 24 h), through the API.</summary>
public sealed class MixBoundsTests : ListenerApiTest
{
    private Listener _ada = null!;
    private Sound _rain = null!;
    private Sound _night = null!;

    [SetUp]
    public async Task ArrangeAsync()
    {
        _ada = await SignUpAsync("ada");
        _rain = Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0)); // 60 s
        _night = Sound.Register("whole night", "Test", SoundType.Soundscape, "sounds/night.wav", new string('c', 64), 23.5 * 3600, Arrange.Vector(0, 1, 0, 0, 0), DateTimeOffset.UtcNow);
        await AsOwnerAsync(async db => { db.Sounds.AddRange(_rain, _night); await db.SaveChangesAsync(); });
    }

    private static object Layer(Guid soundId, double volume = 1, bool loop = false, double delaySeconds = 0) =>
        new { soundId, volume, loop, delaySeconds };

    [TestCase(3600.001)]
    [TestCase(7200.0)]
    [TestCase(1e9)]
    [TestCase(1.7e308)]
    public async Task Create_DelayBeyondAnHour_Returns400NamingThatLayersDelay_AndChangesNothing(double delay)
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "years of silence",
            layers = new[] { Layer(_rain.Id), Layer(_rain.Id, delaySeconds: delay) },
        }));

        var errors = (await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["layers[1].delaySeconds"], "the delay, and not also the duration it makes");
        errors.GetProperty("layers[1].delaySeconds")[0].GetString().ShouldBe(MixLayer.DelayRule);
    }

    [TestCase(1e-30)]
    [TestCase(1e-46)]
    [TestCase(5e-324)]
    [TestCase(0.00009999)]
    public async Task Create_VolumeUnderTheMinus80DbFloor_Returns400NamingThatLayersVolume_AndChangesNothing(double volume)
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "whisper",
            isPublic = true,
            layers = new[] { Layer(_rain.Id), Layer(_rain.Id, volume), Layer(_rain.Id) },
        }));

        var errors = (await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["layers[1].volume"]);
        errors.GetProperty("layers[1].volume")[0].GetString().ShouldBe(MixLayer.VolumeRule);
    }

    [Test]
    public async Task Create_AtTheBounds_StoresTheValuesAsSent()
    {
        var mix = await ReadJsonAsync(await _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "edges",
            layers = new[] { Layer(_rain.Id, 0.0001, delaySeconds: 3600), Layer(_rain.Id, 0, loop: true), Layer(_night.Id, 1, delaySeconds: 1800) },
        }), HttpStatusCode.Created);

        mix.GetProperty("durationSeconds").GetDouble().ShouldBe(86400, "23.5 h of night after 30 min: exactly the bound");
        var id = mix.GetProperty("id").GetGuid();
        var stored = await AsOwnerAsync(db => db.Mixes.AsNoTracking().SingleAsync(m => m.Id == id));
        stored.Layers.Select(l => (l.Volume, l.DelaySeconds)).ShouldBe([(0.0001, 3600), (0, 0), (1, 1800)]);
        stored.DurationSeconds.ShouldBe(86400);
    }

    [TestCase(1800.5, 86400.5)]
    [TestCase(3600.0, 88200.0)]
    public async Task Create_LayersLastingMoreThan24Hours_Returns400NamingLayers_AndChangesNothing(double delay, double lasts)
    {
        var response = await ShouldChangeNothingAsync(() => _ada.Client.PostAsJsonAsync("/api/mixes", new
        {
            name = "too long",
            layers = new[] { Layer(_rain.Id, loop: true), Layer(_night.Id, 0.5, delaySeconds: delay) },
        }));

        var errors = (await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["layers"]);
        errors.GetProperty("layers")[0].GetString().ShouldBe(Mix.TooLongMessage(lasts));
    }

    [Test]
    public async Task Patch_LayersBeyondTheBounds_Returns400NamingEach_AndKeepsTheMix()
    {
        var created = await ReadJsonAsync(await _ada.Client.PostAsJsonAsync("/api/mixes", new { name = "kept", layers = new[] { Layer(_rain.Id, 0.5, delaySeconds: 10) } }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var response = await ShouldChangeNothingAsync(() => _ada.Client.PatchAsJsonAsync($"/api/mixes/{id}", new
        {
            layers = new[] { Layer(_rain.Id), Layer(_rain.Id, 1e-30), Layer(_rain.Id, delaySeconds: 1e9) },
        }));

        var errors = (await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["layers[1].volume", "layers[2].delaySeconds"]);
        var stored = await AsOwnerAsync(db => db.Mixes.AsNoTracking().SingleAsync(m => m.Id == id));
        stored.Layers.Select(l => (l.Volume, l.DelaySeconds)).ShouldBe([(0.5, 10)]);
        stored.DurationSeconds.ShouldBe(70);
    }

    [Test]
    public async Task Patch_LayersLastingMoreThan24Hours_Returns400NamingLayers_AndKeepsTheMix()
    {
        var created = await ReadJsonAsync(await _ada.Client.PostAsJsonAsync("/api/mixes", new { name = "kept", layers = new[] { Layer(_night.Id) } }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var response = await ShouldChangeNothingAsync(() => _ada.Client.PatchAsJsonAsync($"/api/mixes/{id}", new
        {
            layers = new[] { Layer(_night.Id, delaySeconds: 3600) },
        }));

        await ShouldBeFieldErrorAsync(response, "layers");
        (await AsOwnerAsync(db => db.Mixes.AsNoTracking().SingleAsync(m => m.Id == id))).DurationSeconds.ShouldBe(23.5 * 3600);
    }
}
