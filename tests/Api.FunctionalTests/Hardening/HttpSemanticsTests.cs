using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Soundscape.Api.FunctionalTests.Library;
using Soundscape.Application.Devices.Common;
using Soundscape.Domain.Identity;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.BackfillSoundContentTypes;

namespace Soundscape.Api.FunctionalTests.Hardening;

/// <summary>HEAD and Range on the audio, its Content-Type from the content, and If-None-Match lists on the device queue.</summary>
public sealed class HttpSemanticsTests : ListenerApiTest
{
    private Listener _admin = null!;

    [SetUp]
    public async Task SignUpAnAdminAsync()
    {
        foreach (var file in TestAudio.StoredFiles())
            File.Delete(file);
        _admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db =>
        {
            db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Admin, DateTimeOffset.UtcNow));
            db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Manager, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
    }

    [Test]
    public async Task Head_OnAudio_AnswersLikeGetWithoutTheBody()
    {
        var (id, bytes) = await UploadAsync(TestAudio.Wav("head.wav", seconds: 1), "head.wav");

        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/sounds/{id}/audio"));
        var ranged = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/sounds/{id}/audio") { Headers = { Range = new RangeHeaderValue(10, 19) } });

        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentLength.ShouldBe(bytes.Length);
        head.Headers.AcceptRanges.ShouldContain("bytes");
        head.Headers.ETag!.Tag.ShouldBe($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"");
        head.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
        (await head.Content.ReadAsByteArrayAsync()).Length.ShouldBe(0);
        ranged.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        ranged.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 10-19/{bytes.Length}");
        ranged.Content.Headers.ContentLength.ShouldBe(10);
        (await ranged.Content.ReadAsByteArrayAsync()).Length.ShouldBe(0);
    }

    [TestCase("items=0-99")]
    [TestCase("seconds=1-2")]
    [TestCase("pages=abc")]
    public async Task Range_WithAUnitOtherThanBytes_IsIgnoredAndTheWholeFileServed(string range)
    {
        var (id, bytes) = await UploadAsync(TestAudio.Wav("units.wav", seconds: 1), "units.wav");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sounds/{id}/audio");
        request.Headers.TryAddWithoutValidation("Range", range).ShouldBeTrue();

        var response = await Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentRange.ShouldBeNull();
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [TestCase("wav", "x.mp3", "audio/wav")]
    [TestCase("wav", "x.ogg", "audio/wav")]
    [TestCase("mp3", "x.wav", "audio/mpeg")]
    [TestCase("flac", "x.mp3", "audio/flac")]
    [TestCase("ogg", "x.flac", "audio/ogg")]
    [TestCase("ogg", "z.bin", "audio/ogg")]
    [TestCase("mp3", "y", "audio/mpeg")]
    public async Task Audio_UploadedUnderAnotherName_IsServedWithTheTypeOfItsContent(string format, string uploadName, string expected)
    {
        var wav = TestAudio.Wav($"named-{format}-{uploadName}.wav", seconds: 1, seed: uploadName.Length + format.Length);
        var file = format == "wav" ? wav : TestAudio.Encoded(wav, "." + format);
        var (id, _) = await UploadAsync(file, uploadName);

        var response = await Client.GetAsync($"/api/sounds/{id}/audio");
        using var headRequest = new HttpRequestMessage(HttpMethod.Head, $"/api/sounds/{id}/audio");
        var head = await Client.SendAsync(headRequest);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentType!.MediaType.ShouldBe(expected, "HEAD answers with the type GET serves");
        var stored = await AsOwnerAsync(db => db.Sounds.AsNoTracking().Where(s => s.Id == id).Select(s => s.ContentType).SingleAsync());
        stored.ShouldBe(expected, "the type is sniffed and stored at upload");
    }

    [Test]
    public async Task Audio_StoredBeforeTheTypeWasKept_IsServedAndBackfilledWithTheTypeOfItsContent()
    {
        // A sound from before sounds.content_type: a WAV stored under the uploader's ".mp3", with no type in its row.
        var wav = TestAudio.Wav("legacy.wav", seconds: 1, seed: 41);
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(wav)));
        var key = $"{hash[..2]}/{hash}.mp3";
        Directory.CreateDirectory(Path.Combine(SoundscapeApiFactory.AudioStorePath, hash[..2]));
        File.Copy(wav, Path.Combine(SoundscapeApiFactory.AudioStorePath, key), overwrite: true);
        var legacy = Domain.Library.Sound.Register("legacy", null, Domain.Library.SoundType.Soundscape, key, hash, 1, null, DateTimeOffset.UtcNow);
        await AsOwnerAsync(async db =>
        {
            db.Sounds.Add(legacy);
            await db.SaveChangesAsync();
        });

        var before = await Client.GetAsync($"/api/sounds/{legacy.Id}/audio");
        await using (var scope = Testing.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
            (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BackfillSoundContentTypesCommand())).ShouldBe(1);
        }
        var after = await Client.GetAsync($"/api/sounds/{legacy.Id}/audio");

        before.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav", "an unfilled row is sniffed at read, never named by its extension");
        (await AsOwnerAsync(db => db.Sounds.AsNoTracking().Where(s => s.Id == legacy.Id).Select(s => s.ContentType).SingleAsync())).ShouldBe("audio/wav");
        after.Content.Headers.ContentType!.MediaType.ShouldBe("audio/wav");
    }

    [Test]
    public async Task BackfillSoundContentTypes_ForACaller_IsRefused()
    {
        await using var scope = Testing.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Authenticate(_admin.Id);
        await Should.ThrowAsync<Application.Common.Exceptions.ForbiddenAccessException>(
            () => scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BackfillSoundContentTypesCommand()));
    }

    [TestCase("\"{0}\"", true)]
    [TestCase("W/\"{0}\"", true)]
    [TestCase("\"1000\", \"{0}\"", true)]
    [TestCase("\"1000\",W/\"{0}\" , \"x\"", true)]
    [TestCase("*", true)]
    [TestCase("\"0{0}\"", false)]
    [TestCase("\"+{0}\"", false)]
    [TestCase("\"{0} \"", false)]
    [TestCase("\"1000\", \"2000\"", false)]
    [TestCase("{0}", false)]
    public async Task DeviceQueue_IfNoneMatchList_Answers304OnlyWhenItHoldsTheCurrentTag(string header, bool notModified)
    {
        var player = await ReadJsonAsync(await _admin.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created);
        using var device = Testing.Factory.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, player.GetProperty("deviceKey").GetString());
        var version = (await ReadJsonAsync(await device.GetAsync("/api/device/queue"), HttpStatusCode.OK)).GetProperty("version").GetInt64();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/device/queue");
        request.Headers.TryAddWithoutValidation("If-None-Match", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, version));

        var response = await device.SendAsync(request);

        response.StatusCode.ShouldBe(notModified ? HttpStatusCode.NotModified : HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe($"\"{version}\"");
    }

    [Test]
    public async Task DeviceQueue_IfNoneMatchListWithTheCurrentTagAndAWait_IsHeld()
    {
        var player = await ReadJsonAsync(await _admin.Client.PostAsJsonAsync("/api/players", new { name = "Hall", checkinCode = "hall" }), HttpStatusCode.Created);
        using var device = Testing.Factory.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, player.GetProperty("deviceKey").GetString());
        var version = (await ReadJsonAsync(await device.GetAsync("/api/device/queue"), HttpStatusCode.OK)).GetProperty("version").GetInt64();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/device/queue?wait=2");
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"{version + 7}\", W/\"{version}\"");

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await device.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        started.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1.5), "a list holding the current tag is held like the tag alone, so the device does not busy-poll");
    }

    private async Task<(Guid Id, byte[] Bytes)> UploadAsync(string path, string uploadName)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", uploadName);
        form.Add(new StringContent(Path.GetFileNameWithoutExtension(path)), "title");
        var sound = await ReadJsonAsync(await _admin.Client.PostAsync("/api/sounds", form), HttpStatusCode.Created);
        return (sound.GetProperty("id").GetGuid(), await File.ReadAllBytesAsync(path));
    }
}
