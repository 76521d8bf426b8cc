using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Soundscape.Application.Common.Storage;
using Soundscape.Infrastructure.Storage;
using Soundscape.TestSupport;

namespace Soundscape.Application.IntegrationTests.Storage;

/// <summary>
/// The S3 store against a real S3 protocol peer: s3rver (an S3-compatible server from npm, installed by
/// scripts/setup.sh into tools/s3rver/) on a loopback port, with its own bucket folder.
/// </summary>
[NonParallelizable]
public sealed class S3AudioStoreTests
{
    private S3rverServer _server = null!;
    private S3AudioStore _store = null!;
    private string _folder = null!;
    private string _file = null!;
    private string _hash = null!;

    [OneTimeSetUp]
    public async Task StartS3rverAsync()
    {
        _server = await S3rverServer.StartAsync();
        _store = new S3AudioStore(new AudioStoreOptions
        {
            Kind = "s3",
            Bucket = _server.Bucket,
            ServiceUrl = _server.ServiceUrl,
            AccessKey = S3rverServer.AccessKey,
            SecretKey = S3rverServer.SecretKey,
            ForcePathStyle = true,
        });
        _folder = Directory.CreateTempSubdirectory("soundscape-s3-upload-").FullName;
        _file = Path.Combine(_folder, "upload.wav");
        var bytes = RandomNumberGenerator.GetBytes(4096);
        await File.WriteAllBytesAsync(_file, bytes);
        _hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    [OneTimeTearDown]
    public async Task StopS3rverAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task SaveLocateAndDelete_RoundTripThroughTheS3Protocol_WithRangesOnThePresignedUrl()
    {
        var first = await _store.SaveAsync(_file, _hash, ".wav", CancellationToken.None);
        var second = await _store.SaveAsync(_file, _hash, ".wav", CancellationToken.None);

        first.ShouldBe(new StoredAudio($"{_hash[..2]}/{_hash}.wav", true));
        second.NewlyStored.ShouldBeFalse("the same bytes are stored once");

        var location = (RemoteAudio)await _store.LocateAsync(first.Key, CancellationToken.None);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, location.Url) { Headers = { Range = new RangeHeaderValue(10, 19) } };
        var part = await http.SendAsync(request);
        part.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await part.Content.ReadAsByteArrayAsync()).ShouldBe((await File.ReadAllBytesAsync(_file))[10..20]);

        await _store.DeleteAsync(first.Key, CancellationToken.None);
        var gone = await http.GetAsync(((RemoteAudio)await _store.LocateAsync(first.Key, CancellationToken.None)).Url);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public void Locate_OfAKeyTheStoreDidNotMake_IsRefused() =>
        Should.ThrowAsync<ArgumentException>(() => _store.LocateAsync("../../etc/passwd", CancellationToken.None));
}
