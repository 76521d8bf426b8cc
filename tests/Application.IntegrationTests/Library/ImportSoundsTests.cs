using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Library.ImportSounds;
using Soundscape.Audio;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.Wav;
using Soundscape.Domain.Library;

namespace Soundscape.Application.IntegrationTests.Library;

public sealed class ImportSoundsTests : DatabaseTest
{
    private string _folder = null!;

    [SetUp]
    public void MakeAFolderOfFiles()
    {
        _folder = Directory.CreateTempSubdirectory("soundscape-import-").FullName;
        WriteWav(Path.Combine(_folder, "soft_rain.wav"), SoundGenerators.Rain(3, 22_050, 1));
        Directory.CreateDirectory(Path.Combine(_folder, "coast"));
        WriteWav(Path.Combine(_folder, "coast", "harbour-waves.wav"), SoundGenerators.Waves(3, 22_050, 2));
        File.WriteAllText(Path.Combine(_folder, "broken.wav"), "RIFF but not really");
        File.WriteAllText(Path.Combine(_folder, "README.txt"), "not audio, not looked at");
        if (Directory.Exists(Testing.AudioStorePath))
            Directory.Delete(Testing.AudioStorePath, recursive: true);
    }

    [TearDown]
    public void RemoveTheFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Import_OfAFolder_AddsEachReadableAudioFile_ReportsTheUnreadable_AndIgnoresOtherFiles()
    {
        var report = await Testing.SendAsServiceAsync(ImportSoundsCommand.FromFolder(_folder));

        report.Added.Select(a => a.Title).Order().ShouldBe(["Harbour waves", "Soft rain"]);
        report.Added.ShouldAllBe(a => a.DurationSeconds > 2.9);
        // Three seconds hold no ~8 s swell, so only the rain has a measurable character here.
        report.Added.Single(a => a.Title == "Soft rain").Embedding!.Rain.ShouldBeGreaterThan(0.5);
        report.Unreadable.Select(u => Path.GetFileName(u.File)).ShouldBe(["broken.wav"]);
        report.Skipped.ShouldBeEmpty();
        (await Testing.WithContextAsync(db => db.Sounds.CountAsync())).ShouldBe(2);
        Directory.GetFiles(Testing.AudioStorePath, "*", SearchOption.AllDirectories).Length.ShouldBe(2);
    }

    [Test]
    public async Task Import_RunTwice_AddsNothingTheSecondTime()
    {
        await Testing.SendAsServiceAsync(ImportSoundsCommand.FromFolder(_folder));

        var again = await Testing.SendAsServiceAsync(ImportSoundsCommand.FromFolder(_folder));

        again.Added.ShouldBeEmpty();
        again.Skipped.Count.ShouldBe(2);
        (await Testing.WithContextAsync(db => db.Sounds.CountAsync())).ShouldBe(2);
    }

    [Test]
    public async Task Import_ByAUserWhoIsNotAnAdmin_IsForbidden()
    {
        var (user, profile) = TestData.Listener("mallory");
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile); await db.SaveChangesAsync(); });

        await Should.ThrowAsync<Common.Exceptions.ForbiddenAccessException>(() =>
            Testing.SendAsync(ImportSoundsCommand.FromFolder(_folder), asUser: user.Id));
    }

    [Test]
    public void Import_OfAFolderThatDoesNotExist_IsAValidationError()
    {
        var error = Should.Throw<Common.Exceptions.RequestValidationException>(() => ImportSoundsCommand.FromFolder("/no/such/folder"));

        error.Errors.Keys.ShouldBe(["folder"]);
    }

    [Test]
    public async Task Registration_RefusedByTheDatabase_LeavesNoStoredFileBehind()
    {
        // Row-level security refuses a non-admin's INSERT into sounds after the file was stored: the file must go again.
        var (user, profile) = TestData.Listener("mallory");
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile); await db.SaveChangesAsync(); });
        var file = Path.Combine(_folder, "soft_rain.wav");

        var error = await Should.ThrowAsync<Exception>(() => Testing.AsUserAsync(user.Id, services =>
            services.GetRequiredService<SoundRegistrar>().RegisterAsync(file, new SoundDescription("Sneaky", null, SoundType.Soundscape), CancellationToken.None)));

        (error.GetBaseException() as PostgresException)?.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Testing.WithContextAsync(db => db.Sounds.CountAsync())).ShouldBe(0);
        (Directory.Exists(Testing.AudioStorePath) ? Directory.GetFiles(Testing.AudioStorePath, "*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
    }

    [Test]
    public async Task Import_OfFilesThatDecodeToNoAudioOrAreBigEndian_ReportsEachAsUnreadableWithItsReason()
    {
        var folder = Directory.CreateTempSubdirectory("soundscape-import-empty-").FullName;
        try
        {
            WavWriter.Create(Path.Combine(folder, "empty.wav"), new AudioFormat(44_100, 2)).Dispose();
            WavWriter.Create(Path.Combine(folder, "short.wav"), new AudioFormat(44_100, 2)).Dispose();
            await File.AppendAllBytesAsync(Path.Combine(folder, "short.wav"), [1, 2, 3]); // less than one frame after a data size of 0
            // A RIFX header (everything big-endian) before a few sample bytes: a 16-bit mono fmt chunk.
            await File.WriteAllBytesAsync(Path.Combine(folder, "swapped.wav"),
                [.. "RIFX"u8, 0, 0, 0, 40, .. "WAVEfmt "u8, 0, 0, 0, 16, 0, 1, 0, 1, 0, 0, 0x56, 0x22, 0, 0, 0xAC, 0x44, 0, 2, 0, 16, .. "data"u8, 0, 0, 0, 4, 0x40, 0, 0xC0, 0]);
            WriteWav(Path.Combine(folder, "rain.wav"), SoundGenerators.Rain(2, 22_050, 3));

            var report = await Testing.SendAsServiceAsync(ImportSoundsCommand.FromFolder(folder));

            report.Added.Select(a => a.Title).ShouldBe(["Rain"]);
            var reasons = report.Unreadable.ToDictionary(u => Path.GetFileName(u.File), u => u.Reason);
            reasons.Keys.Order().ShouldBe(["empty.wav", "short.wav", "swapped.wav"]);
            reasons["empty.wav"].ShouldContain("zero frames");
            reasons["short.wav"].ShouldContain("zero frames");
            reasons["swapped.wav"].ShouldContain("RIFX");
            (await Testing.WithContextAsync(db => db.Sounds.CountAsync())).ShouldBe(1);
            Directory.GetFiles(Testing.AudioStorePath, "*", SearchOption.AllDirectories).Length.ShouldBe(1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("harbour_waves-at-night.wav", "Harbour waves at night")]
    [TestCase("__.wav", "Untitled")]
    public void TitleFromFileName_MakesAReadableTitle(string file, string title) =>
        ImportSoundsCommand.TitleFromFileName(file).ShouldBe(title);

    private static void WriteWav(string path, float[] samples)
    {
        using var writer = WavWriter.Create(path, new AudioFormat(22_050, 1), WavSampleEncoding.Pcm16);
        writer.Write(samples);
    }
}
