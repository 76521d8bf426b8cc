using System.Net;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Vectors;

namespace Soundscape.Api.FunctionalTests.Library;

/// <summary>
/// Re-analysing the library after an analyzer change (issue 15, item 6). "An older analyzer" is simulated by writing a
/// different calculated embedding through the domain, as that analyzer would have; the re-analysis must bring back
/// what today's analyzer measures, leave overrides ranking, and say how far each embedding moved.
/// </summary>
public sealed class ReanalysisTests : ListenerApiTest
{
    private static readonly TasteVector OldThunder = TasteVector.Create(0, 0, 0, 1, 0);
    private static readonly TasteVector AdminsWind = TasteVector.Create(0, 1, 0, 0, 0);
    private Listener _admin = null!;

    [SetUp]
    public async Task SignUpAnAdminAsync()
    {
        foreach (var file in TestAudio.StoredFiles())
            File.Delete(file);
        _admin = await SignUpAsync("reanalyst");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
    }

    [Test]
    public async Task Reanalysis_AfterTheAnalyzerChanged_MovesCalculatedEmbeddingsBackAndKeepsTheOverride()
    {
        var plain = await UploadAsync("plain.wav", seed: 1);
        var overridden = await UploadAsync("overridden.wav", seed: 2);
        var (plainToday, overriddenToday) = await AsOwnerAsync(async db =>
        {
            var sounds = await db.Sounds.ToDictionaryAsync(s => s.Id);
            var today = (sounds[plain].CalculatedEmbedding!, sounds[overridden].CalculatedEmbedding!);
            sounds[overridden].SetEmbedding(AdminsWind, DateTimeOffset.UtcNow);
            sounds[plain].Recalculate(OldThunder, DateTimeOffset.UtcNow);
            sounds[overridden].Recalculate(OldThunder, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return today;
        });

        var report = await ReadJsonAsync(await _admin.Client.PostAsync("/api/admin/library/reanalysis", null), HttpStatusCode.OK);

        report.GetProperty("sounds").GetInt32().ShouldBe(2);
        report.GetProperty("analysed").GetInt32().ShouldBe(2);
        report.GetProperty("moved").GetInt32().ShouldBe(2);
        report.GetProperty("overridesKept").GetInt32().ShouldBe(1);
        report.GetProperty("failed").GetArrayLength().ShouldBe(0);
        var expectedPlain = Distance(OldThunder, plainToday);
        var expectedOverridden = Distance(OldThunder, overriddenToday);
        report.GetProperty("maxDistance").GetDouble().ShouldBe(Math.Max(expectedPlain, expectedOverridden), 1e-5);
        report.GetProperty("meanDistance").GetDouble().ShouldBe((expectedPlain + expectedOverridden) / 2, 1e-5);
        var stored = await AsOwnerAsync(db => db.Sounds.AsNoTracking().ToDictionaryAsync(s => s.Id));
        stored[plain].Embedding.ShouldBe(plainToday);
        stored[plain].CalculatedEmbedding.ShouldBe(plainToday);
        stored[overridden].Embedding.ShouldBe(AdminsWind);
        stored[overridden].CalculatedEmbedding.ShouldBe(overriddenToday);
    }

    [Test]
    public async Task Reanalysis_WhenNothingChanged_MovesNothing_AndASecondRunChangesNoRow()
    {
        await UploadAsync("steady.wav", seed: 3);

        var report = await ReadJsonAsync(await ShouldChangeNothingAsync(() => _admin.Client.PostAsync("/api/admin/library/reanalysis", null)), HttpStatusCode.OK);

        report.GetProperty("analysed").GetInt32().ShouldBe(1);
        report.GetProperty("moved").GetInt32().ShouldBe(0);
        report.GetProperty("maxDistance").GetDouble().ShouldBe(0);
    }

    [Test]
    public async Task Reanalysis_ByAListenerOrAnonymously_IsRefusedAndChangesNothing()
    {
        var id = await UploadAsync("guarded.wav", seed: 4);
        await AsOwnerAsync(async db => { (await db.Sounds.SingleAsync(s => s.Id == id)).Recalculate(OldThunder, DateTimeOffset.UtcNow); await db.SaveChangesAsync(); });
        var listener = await SignUpAsync("curious");

        var forbidden = await ShouldChangeNothingAsync(() => listener.Client.PostAsync("/api/admin/library/reanalysis", null));
        var anonymous = await ShouldChangeNothingAsync(() => Client.PostAsync("/api/admin/library/reanalysis", null));

        await ShouldBeProblemAsync(forbidden, HttpStatusCode.Forbidden);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Reanalysis_WithAStoredFileMissing_ReportsThatSoundAndStillMovesTheOthers()
    {
        var lost = await UploadAsync("lost.wav", seed: 5);
        var kept = await UploadAsync("kept.wav", seed: 6);
        var lostKey = await AsOwnerAsync(async db =>
        {
            foreach (var sound in await db.Sounds.ToListAsync())
                sound.Recalculate(OldThunder, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return (await db.Sounds.SingleAsync(s => s.Id == lost)).FilePath;
        });
        File.Delete(TestAudio.StoredFiles().Single(f => f.EndsWith(lostKey, StringComparison.Ordinal)));

        var report = await ReadJsonAsync(await _admin.Client.PostAsync("/api/admin/library/reanalysis", null), HttpStatusCode.OK);

        report.GetProperty("analysed").GetInt32().ShouldBe(1);
        report.GetProperty("moved").GetInt32().ShouldBe(1);
        var failure = report.GetProperty("failed").EnumerateArray().Single();
        failure.GetProperty("soundId").GetGuid().ShouldBe(lost);
        failure.GetProperty("reason").GetString()!.ShouldContain("missing");
        var stored = await AsOwnerAsync(db => db.Sounds.AsNoTracking().ToDictionaryAsync(s => s.Id));
        stored[lost].CalculatedEmbedding.ShouldBe(OldThunder);
        stored[kept].CalculatedEmbedding.ShouldNotBe(OldThunder);
    }

    [Test]
    public async Task ReanalyseHostCommand_ReportsHowManyMovedAndByHowMuch()
    {
        var id = await UploadAsync("hosted.wav", seed: 7);
        var today = await AsOwnerAsync(async db =>
        {
            var sound = await db.Sounds.SingleAsync(s => s.Id == id);
            var calculated = sound.CalculatedEmbedding!;
            sound.Recalculate(OldThunder, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            return calculated;
        });

        var (exitCode, output) = await HostCommand.RunAsync("reanalyse", $"--Audio:Store:Path={SoundscapeApiFactory.AudioStorePath}");

        exitCode.ShouldBe(0, output);
        output.ShouldContain($"1 of 1 sounds analysed; 1 embeddings moved (mean {Distance(OldThunder, today):F3}");
        (await AsOwnerAsync(db => db.Sounds.AsNoTracking().SingleAsync(s => s.Id == id))).Embedding.ShouldBe(today);
    }

    private async Task<Guid> UploadAsync(string name, int seed) =>
        (await ReadJsonAsync(await SoundWriteTests.UploadAsync(_admin.Client, TestAudio.Wav(name, seed: seed), name), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    private static double Distance(TasteVector a, TasteVector b) =>
        Math.Sqrt(a.ToArray().Zip(b.ToArray(), (x, y) => (x - y) * (x - y)).Sum());
}
