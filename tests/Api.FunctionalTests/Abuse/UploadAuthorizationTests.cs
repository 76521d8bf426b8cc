using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.FunctionalTests.Abuse;

/// <summary>The admin requirement of the upload is checked before the form is read: a refused upload costs the server no body.</summary>
[NonParallelizable]
public sealed class UploadAuthorizationTests : ListenerApiTest
{
    private const long Size = 190L * 1024 * 1024;

    private SoundscapeApiFactory _api = null!;
    private BodyReadCounter _reads = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        _api = SoundscapeApiFactory.With(Testing.Database, services: BodyReadCounter.Register);
        _reads = _api.Services.GetRequiredService<BodyReadCounter>();
    }

    [OneTimeTearDown]
    public Task StopApiAsync() => _api.DisposeAsync().AsTask();

    [TestCase(null, true)]
    [TestCase(null, false)]
    [TestCase(Role.Manager, true)]
    [TestCase(Role.Manager, false)]
    public async Task Upload_Of190MegabytesBySignedInNonAdmin_Returns403WithoutReadingTheBodyOrWritingAFile(Role? role, bool declareLength)
    {
        var caller = await SignUpAsync("listener");
        if (role is { } granted)
            await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(caller.Id, granted, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });

        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = caller.Client.DefaultRequestHeaders.Authorization;
        await RefusedWithoutReadingAsync(client, HttpStatusCode.Forbidden, declareLength);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Upload_Of190MegabytesWithoutAToken_Returns401WithoutReadingTheBody(bool declareLength)
    {
        using var client = _api.CreateClient();
        await RefusedWithoutReadingAsync(client, HttpStatusCode.Unauthorized, declareLength);
    }

    [Test]
    public async Task Upload_ByAnAdmin_IsStillReadWhole()
    {
        var admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.Client.DefaultRequestHeaders.Authorization;
        var readBefore = _reads.BytesRead;

        // 2 MB of zeros: read whole (over the 64 KB JSON limit, under the upload limit), then refused as audio.
        var response = await client.PostAsync("/api/sounds", GeneratedContent.Upload(2 * 1024 * 1024, declareLength: true));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        (_reads.BytesRead - readBefore).ShouldBeGreaterThanOrEqualTo(2 * 1024 * 1024);
    }

    private async Task RefusedWithoutReadingAsync(HttpClient client, HttpStatusCode status, bool declareLength)
    {
        var temporaryBefore = UploadTemporaryFiles();
        var content = GeneratedContent.Upload(Size, declareLength);
        var readBefore = _reads.BytesRead;

        // Without a length the body is sent chunked (the test server would otherwise buffer all of it first).
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sounds") { Content = content };
        request.Headers.TransferEncodingChunked = !declareLength;

        var response = await ShouldChangeNothingAsync(() => client.SendAsync(request));

        await ShouldBeProblemAsync(response, status);
        (_reads.BytesRead - readBefore).ShouldBe(0, "the server must refuse before it reads the file");
        UploadTemporaryFiles().ShouldBe(temporaryBefore);
    }

    private static string[] UploadTemporaryFiles() => Directory.GetFiles(Path.GetTempPath(), "soundscape-upload-*");
}
