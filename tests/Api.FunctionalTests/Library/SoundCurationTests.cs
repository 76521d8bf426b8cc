using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

namespace Soundscape.Api.FunctionalTests.Library;

/// <summary>The admin console's library calls: a duplicate names its sound, an override can be undone, a delete is counted first.</summary>
public sealed class SoundCurationTests : ListenerApiTest
{
    private Listener _admin = null!;

    [SetUp]
    public async Task SignUpAnAdminAsync()
    {
        foreach (var file in TestAudio.StoredFiles())
            File.Delete(file);
        _admin = await SignUpAsync("curator");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
    }

    [Test]
    public async Task Upload_OfADuplicate_Returns409CarryingTheExistingSoundsId()
    {
        var wav = TestAudio.Wav("dup.wav", seed: 3);
        var first = (await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, wav, "First"), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var problem = await ShouldBeProblemAsync(await SoundWriteTests.UploadAsync(_admin.Client, wav, "Again"), HttpStatusCode.Conflict);

        problem.GetProperty("existingSoundId").GetGuid().ShouldBe(first);
    }

    [Test]
    public async Task Upload_KeepsTheCalculatedEmbeddingAndSaysNothingIsOverridden()
    {
        var sound = await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, TestAudio.Wav("calc.wav"), "Calc"), HttpStatusCode.Created);

        sound.GetProperty("embeddingOverridden").GetBoolean().ShouldBeFalse();
        sound.GetProperty("calculatedEmbedding").GetProperty("rain").GetDouble()
            .ShouldBe(sound.GetProperty("embedding").GetProperty("rain").GetDouble(), 1e-9);
    }

    [Test]
    public async Task Override_ThenReset_RanksTheCalculatedEmbeddingAgain()
    {
        var uploaded = await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, TestAudio.Wav("reset.wav"), "Reset"), HttpStatusCode.Created);
        var id = uploaded.GetProperty("id").GetGuid();
        // The upload answers with the analysis' own doubles; later answers read vector(5), which is single precision.
        var calculatedRain = uploaded.GetProperty("embedding").GetProperty("rain").GetDouble();

        var overridden = await ReadJsonAsync(await _admin.Client.PatchAsJsonAsync($"/api/sounds/{id}",
            new { embedding = new { rain = 0.0, wind = 0.0, fire = 0.0, thunder = 1.0, waves = 0.0 } }), HttpStatusCode.OK);
        overridden.GetProperty("embeddingOverridden").GetBoolean().ShouldBeTrue();
        overridden.GetProperty("calculatedEmbedding").GetProperty("rain").GetDouble().ShouldBe(calculatedRain, 1e-6);

        var reset = await ReadJsonAsync(await _admin.Client.DeleteAsync($"/api/sounds/{id}/embedding-override"), HttpStatusCode.OK);

        reset.GetProperty("embeddingOverridden").GetBoolean().ShouldBeFalse();
        reset.GetProperty("embedding").GetProperty("rain").GetDouble().ShouldBe(calculatedRain, 1e-6);
        var stored = await AsOwnerAsync(db => db.Sounds.SingleAsync(s => s.Id == id));
        stored.Embedding.ShouldBe(stored.CalculatedEmbedding);
        stored.Embedding!.Thunder.ShouldNotBe(1.0);
    }

    [Test]
    public async Task ResetAndUsage_ByAListener_Return403AndChangeNothing()
    {
        var id = (await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, TestAudio.Wav("guard.wav"), "Guard"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await _admin.Client.PatchAsJsonAsync($"/api/sounds/{id}", new { embedding = new { rain = 0.0, wind = 1.0, fire = 0.0, thunder = 0.0, waves = 0.0 } });
        var listener = await SignUpAsync("nosy");

        var reset = await ShouldChangeNothingAsync(() => listener.Client.DeleteAsync($"/api/sounds/{id}/embedding-override"));
        var usage = await listener.Client.GetAsync($"/api/sounds/{id}/usage");

        await ShouldBeProblemAsync(reset, HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(usage, HttpStatusCode.Forbidden);
        (await Client.DeleteAsync($"/api/sounds/{id}/embedding-override")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.GetAsync($"/api/sounds/{id}/usage")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task ResetAndUsage_OfAnUnknownSound_Return404()
    {
        await ShouldBeProblemAsync(await _admin.Client.DeleteAsync($"/api/sounds/{Guid.NewGuid()}/embedding-override"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await _admin.Client.GetAsync($"/api/sounds/{Guid.NewGuid()}/usage"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Usage_CountsEveryonesRows_IncludingOtherListenersVotesAndPrivateMixes()
    {
        var id = (await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, TestAudio.Wav("used.wav"), "Used"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var other = (await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, TestAudio.Wav("other.wav", seed: 9), "Other"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var listener = await SignUpAsync("mixer");
        var now = DateTimeOffset.UtcNow;
        await AsOwnerAsync(async db =>
        {
            var player = Player.Create("Hall", "hall-usage", "hash", null, now);
            db.Players.Add(player);
            db.Mixes.Add(Mix.Create(listener.Id, "Private twice", [new MixLayer(id, 0.5, true, 0), new MixLayer(id, 0.2, false, 10)], false, 60, now));
            db.Mixes.Add(Mix.Create(listener.Id, "Public once", [new MixLayer(id, 1, true, 0), new MixLayer(other, 1, true, 0)], true, 60, now));
            db.Mixes.Add(Mix.Create(listener.Id, "Without it", [new MixLayer(other, 1, true, 0)], true, 60, now));
            db.Votes.Add(Vote.Rating(listener.Id, id, null, 4, now));
            db.PlayerLibrary.Add(PlayerLibraryEntry.Allow(player.Id, id, now));
            db.PlayerQueue.Add(QueueItem.Enqueue(player.Id, PlayableRef.ForSound(id), 0, null, now));
            db.PlayHistory.Add(PlayHistoryEntry.Start(player.Id, PlayableRef.ForSound(id), now, 1));
            await db.SaveChangesAsync();
        });

        var usage = await ReadJsonAsync(await _admin.Client.GetAsync($"/api/sounds/{id}/usage"), HttpStatusCode.OK);

        usage.GetProperty("soundId").GetGuid().ShouldBe(id);
        usage.GetProperty("queueItems").GetInt32().ShouldBe(1);
        usage.GetProperty("playHistory").GetInt32().ShouldBe(1);
        usage.GetProperty("votes").GetInt32().ShouldBe(1);
        usage.GetProperty("playerLibraries").GetInt32().ShouldBe(1);
        usage.GetProperty("mixLayers").GetInt32().ShouldBe(3);
        usage.GetProperty("mixes").GetInt32().ShouldBe(2);
    }
}
