using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.FunctionalTests.Library;

public sealed class SoundWriteTests : ListenerApiTest
{
    private Listener _admin = null!;

    [SetUp]
    public async Task SignUpAnAdminAsync()
    {
        foreach (var file in TestAudio.StoredFiles())
            File.Delete(file);
        _admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
    }

    [Test]
    public async Task Upload_AWav_Returns201WithDurationAndACalculatedEmbedding_AndStoresItByContentHash()
    {
        var wav = TestAudio.Wav("rain.wav", seconds: 4);

        var sound = await ReadJsonAsync(await UploadAsync(_admin.Client, wav, "Rain test", type: "soundscape"), HttpStatusCode.Created);

        sound.GetProperty("title").GetString().ShouldBe("Rain test");
        sound.GetProperty("durationSeconds").GetDouble().ShouldBe(4, 0.01);
        var embedding = sound.GetProperty("embedding");
        embedding.GetProperty("rain").GetDouble().ShouldBeGreaterThan(embedding.GetProperty("waves").GetDouble());
        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(wav)));
        TestAudio.StoredFiles().Select(Path.GetFileName).ShouldBe([$"{hash}.wav"]);
    }

    [Test]
    public async Task Upload_AnMp3_IsDecodedThroughFfmpeg()
    {
        var mp3 = TestAudio.Encoded(TestAudio.Wav("waves.wav", seconds: 5, waves: true), ".mp3");

        var sound = await ReadJsonAsync(await UploadAsync(_admin.Client, mp3, "Waves test"), HttpStatusCode.Created);

        sound.GetProperty("durationSeconds").GetDouble().ShouldBe(5, 0.1);
        sound.GetProperty("type").GetString().ShouldBe("soundscape");
        var audio = await Client.GetAsync($"/api/sounds/{sound.GetProperty("id").GetGuid()}/audio");
        audio.Content.Headers.ContentType?.MediaType.ShouldBe("audio/mpeg");
    }

    [Test]
    public async Task Upload_OfSomethingThatIsNotAudio_Returns415AndLeavesNoRowAndNoFile()
    {
        var text = Path.Combine(TestAudio.Folder, "notes.mp3");
        await File.WriteAllTextAsync(text, "these are not the sounds you are looking for");

        var response = await ShouldChangeNothingAsync(() => UploadAsync(_admin.Client, text, "Fake"));

        await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        TestAudio.StoredFiles().ShouldBeEmpty();
    }

    [Test]
    public async Task Upload_LargerThanTheLimit_Returns413AndLeavesNothing()
    {
        var big = Path.Combine(TestAudio.Folder, "big.wav");
        await File.WriteAllBytesAsync(big, new byte[SoundscapeApiFactory.MaxUploadBytes + 1]);

        var response = await ShouldChangeNothingAsync(() => UploadAsync(_admin.Client, big, "Too big"));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        TestAudio.StoredFiles().ShouldBeEmpty();
    }

    [Test]
    public async Task Upload_OfAFileAlreadyInTheLibrary_Returns409AndAddsNothing()
    {
        var wav = TestAudio.Wav("twice.wav");
        (await UploadAsync(_admin.Client, wav, "First")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await ShouldChangeNothingAsync(() => UploadAsync(_admin.Client, wav, "Second"));

        (await ShouldBeProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("already in the library");
        TestAudio.StoredFiles().Length.ShouldBe(1);
    }

    [Test]
    public async Task Upload_TheSameFileTwiceAtOnce_KeepsOneRowAndItsFile()
    {
        var wav = TestAudio.Wav("race.wav", seed: 7);

        var responses = await Task.WhenAll(UploadAsync(_admin.Client, wav, "One"), UploadAsync(_admin.Client, wav, "Two"));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);
        var id = await AsOwnerAsync(db => db.Sounds.Select(s => s.Id).SingleAsync());
        (await Client.GetAsync($"/api/sounds/{id}/audio")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [TestCase(null, "soundscape", "title")]
    [TestCase("Rain", "jazz", "type")]
    public async Task Upload_WithBadFields_Returns400NamingTheFieldAndLeavesNothing(string? title, string type, string field)
    {
        var wav = TestAudio.Wav("fields.wav");

        var response = await ShouldChangeNothingAsync(() => UploadAsync(_admin.Client, wav, title, type));

        await ShouldBeFieldErrorAsync(response, field);
        TestAudio.StoredFiles().ShouldBeEmpty();
    }

    [Test]
    public async Task Upload_WithoutAFile_Returns400NamingFile()
    {
        using var form = new MultipartFormDataContent { { new StringContent("No file"), "title" } };

        var response = await ShouldChangeNothingAsync(() => _admin.Client.PostAsync("/api/sounds", form));

        await ShouldBeFieldErrorAsync(response, "file");
    }

    [Test]
    public async Task Upload_ByAListenerWhoIsNotAnAdmin_Returns403AndLeavesNothing()
    {
        var listener = await SignUpAsync("listener");
        var wav = TestAudio.Wav("forbidden.wav");

        var response = await ShouldChangeNothingAsync(() => UploadAsync(listener.Client, wav, "Nope"));

        await ShouldBeProblemAsync(response, HttpStatusCode.Forbidden);
        TestAudio.StoredFiles().ShouldBeEmpty();
    }

    [Test]
    public async Task Upload_Anonymously_Returns401()
    {
        var response = await ShouldChangeNothingAsync(() => UploadAsync(Client, TestAudio.Wav("anonymous.wav"), "Nope"));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Audio_IsStreamedWithRangesAndAnETag_And304WhenUnchanged()
    {
        var wav = TestAudio.Wav("stream.wav", seconds: 2);
        var bytes = await File.ReadAllBytesAsync(wav);
        var id = (await ReadJsonAsync(await UploadAsync(_admin.Client, wav, "Stream"), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var whole = await Client.GetAsync($"/api/sounds/{id}/audio");
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/sounds/{id}/audio") { Headers = { Range = new RangeHeaderValue(100, 199) } };
        var range = await Client.SendAsync(rangeRequest);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/sounds/{id}/audio");
        conditional.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        var notModified = await Client.SendAsync(conditional);

        whole.StatusCode.ShouldBe(HttpStatusCode.OK);
        whole.Content.Headers.ContentType?.MediaType.ShouldBe("audio/wav");
        whole.Headers.AcceptRanges.ShouldContain("bytes");
        whole.Headers.ETag!.Tag.ShouldBe($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"");
        (await whole.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        range.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        range.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 100-199/{bytes.Length}");
        (await range.Content.ReadAsByteArrayAsync()).ShouldBe(bytes[100..200]);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Audio_OfAnUnknownSound_Returns404()
    {
        await ShouldBeProblemAsync(await Client.GetAsync($"/api/sounds/{Guid.NewGuid()}/audio"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Patch_ByAnAdmin_ChangesTheDescriptionAndOverridesTheEmbedding()
    {
        var id = (await ReadJsonAsync(await UploadAsync(_admin.Client, TestAudio.Wav("patch.wav"), "Before"), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var sound = await ReadJsonAsync(await _admin.Client.PatchAsJsonAsync($"/api/sounds/{id}",
            new { title = "After", type = "instrumental", embedding = new { rain = 0.1, wind = 0.2, fire = 0.3, thunder = 0.4, waves = 0.5 } }), HttpStatusCode.OK);

        sound.GetProperty("title").GetString().ShouldBe("After");
        sound.GetProperty("type").GetString().ShouldBe("instrumental");
        sound.GetProperty("embedding").GetProperty("thunder").GetDouble().ShouldBe(0.4, 1e-6);
        (await AsOwnerAsync(db => db.Sounds.SingleAsync())).Embedding!.Waves.ShouldBe(0.5, 1e-6);
    }

    [TestCase("""{"embedding":{"rain":1.5,"wind":0,"fire":0,"thunder":0,"waves":0}}""", "embedding.rain")]
    [TestCase("""{"embedding":{"rain":0,"wind":-0.1,"fire":0,"thunder":0,"waves":0}}""", "embedding.wind")]
    [TestCase("""{"title":""}""", "title")]
    [TestCase("""{"type":"jazz"}""", "type")]
    [TestCase("""{}""", "body")]
    public async Task Patch_WithBadValues_Returns400NamingTheFieldAndChangesNothing(string json, string field)
    {
        var id = (await ReadJsonAsync(await UploadAsync(_admin.Client, TestAudio.Wav("badpatch.wav"), "Keep"), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var response = await ShouldChangeNothingAsync(() => _admin.Client.PatchAsync($"/api/sounds/{id}", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, field);
    }

    [Test]
    public async Task PatchAndDelete_ByANonAdmin_Return403AndChangeNothing()
    {
        var id = (await ReadJsonAsync(await UploadAsync(_admin.Client, TestAudio.Wav("guarded.wav"), "Guarded"), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var listener = await SignUpAsync("listener");

        var patch = await ShouldChangeNothingAsync(() => listener.Client.PatchAsJsonAsync($"/api/sounds/{id}", new { title = "Mine now" }));
        var delete = await ShouldChangeNothingAsync(() => listener.Client.DeleteAsync($"/api/sounds/{id}"));

        await ShouldBeProblemAsync(patch, HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(delete, HttpStatusCode.Forbidden);
        TestAudio.StoredFiles().Length.ShouldBe(1);
    }

    [Test]
    public async Task Delete_ByAnAdmin_RemovesTheRowAndTheFile_AndASecondDeleteIs404()
    {
        var id = (await ReadJsonAsync(await UploadAsync(_admin.Client, TestAudio.Wav("gone.wav"), "Gone"), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        (await _admin.Client.DeleteAsync($"/api/sounds/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await _admin.Client.DeleteAsync($"/api/sounds/{id}");

        await ShouldBeProblemAsync(again, HttpStatusCode.NotFound);
        (await AsOwnerAsync(db => db.Sounds.CountAsync())).ShouldBe(0);
        TestAudio.StoredFiles().ShouldBeEmpty();
    }

    [Test]
    public async Task PatchAndDelete_OfAnUnknownSound_Return404()
    {
        await ShouldBeProblemAsync(await _admin.Client.PatchAsJsonAsync($"/api/sounds/{Guid.NewGuid()}", new { title = "x" }), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await _admin.Client.DeleteAsync($"/api/sounds/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string? title, string? type = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", Path.GetFileName(path));
        if (title is not null)
            form.Add(new StringContent(title), "title");
        if (type is not null)
            form.Add(new StringContent(type), "type");
        return await client.PostAsync("/api/sounds", form);
    }
}

/// <summary>The same API with its audio store in an S3-compatible bucket (s3rver): uploads go there, reads are redirected.</summary>
[NonParallelizable]
public sealed class SoundS3StoreTests : ListenerApiTest
{
    private TestSupport.S3rverServer _s3 = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api = null!;

    [OneTimeSetUp]
    public async Task StartAnApiOnS3Async()
    {
        _s3 = await TestSupport.S3rverServer.StartAsync();
        _api = Testing.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Audio:Store:Kind", "s3");
            builder.UseSetting("Audio:Store:Bucket", _s3.Bucket);
            builder.UseSetting("Audio:Store:ServiceUrl", _s3.ServiceUrl);
            builder.UseSetting("Audio:Store:AccessKey", TestSupport.S3rverServer.AccessKey);
            builder.UseSetting("Audio:Store:SecretKey", TestSupport.S3rverServer.SecretKey);
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _api.DisposeAsync();
        await _s3.DisposeAsync();
    }

    [Test]
    public async Task Upload_ToTheS3Store_IsServedThroughARedirectToAPresignedUrl()
    {
        var admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        using var client = _api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        var wav = TestAudio.Wav("s3.wav", seconds: 2, seed: 11);
        // Other fixtures may leave their uploads in the shared local folder: what counts is that this upload adds none.
        var localBefore = TestAudio.StoredFiles().ToHashSet();
        using var form = new MultipartFormDataContent { { new StreamContent(File.OpenRead(wav)), "file", "s3.wav" }, { new StringContent("On S3"), "title" } };

        var created = await ReadJsonAsync(await client.PostAsync("/api/sounds", form), HttpStatusCode.Created);
        var redirect = await client.GetAsync($"/api/sounds/{created.GetProperty("id").GetGuid()}/audio");

        redirect.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        redirect.Headers.Location!.ToString().ShouldStartWith(_s3.ServiceUrl);
        using var storage = new HttpClient();
        (await storage.GetByteArrayAsync(redirect.Headers.Location)).ShouldBe(await File.ReadAllBytesAsync(wav));
        TestAudio.StoredFiles().Where(f => !localBefore.Contains(f)).ShouldBeEmpty("nothing goes to the local folder");
    }
}
