using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Soundscape.PlayerAgent.Caching;
using Soundscape.PlayerAgent.Server;
using Soundscape.PlayerAgent.Tests.Support;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>The cache against a real HTTP server that misbehaves the way networks and servers do.</summary>
public sealed class AudioCacheTests
{
    private const string DeviceKey = "test-device-key";
    private static readonly byte[] Audio = AudioTestServer.RandomBytes(300_000, seed: 1);
    private static readonly string AudioHash = AudioTestServer.Hash(Audio);

    private TempFolder folder = null!;
    private readonly List<IDisposable> owned = [];
    private readonly List<AudioTestServer> servers = [];

    [SetUp]
    public void SetUp() => folder = new TempFolder();

    [TearDown]
    public async Task TearDown()
    {
        foreach (var item in Enumerable.Reverse(owned)) item.Dispose();
        owned.Clear();
        foreach (var server in servers) await server.DisposeAsync();
        servers.Clear();
        folder.Dispose();
    }

    [Test]
    public async Task Get_WhenTheFileIsNotCached_DownloadsItVerifiedAndNamedByItsHash()
    {
        var server = await Serve(app => app.Map("/audio", context => AudioTestServer.ServeAsync(context, Audio)));
        var cache = NewCache(server);

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash, Audio.Length));

        path.ShouldBe(Path.Combine(folder.Path, AudioHash));
        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        Directory.GetFiles(folder.Path).ShouldBe([path]);
        cache.Contains(AudioHash).ShouldBeTrue();
        cache.TotalBytes.ShouldBe(Audio.Length);
        server.Requests.Single().Authorization.ShouldBe($"Device {DeviceKey}");
    }

    [Test]
    public async Task Get_WhenTheFileIsCached_AnswersWithoutAskingTheServer()
    {
        var server = await Serve(app => app.Map("/audio", context => AudioTestServer.ServeAsync(context, Audio)));
        var cache = NewCache(server);
        var request = new CachedAudioRequest(server.Url("/audio"), AudioHash.ToUpperInvariant());
        await cache.GetAsync(request);

        var again = await cache.GetAsync(request);

        again.ShouldBe(Path.Combine(folder.Path, AudioHash));
        cache.TryGetPath(AudioHash, out var known).ShouldBeTrue();
        known.ShouldBe(again);
        server.Requests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Get_WhenTheDownloadIsCutHalfway_ResumesWithARangeRequest()
    {
        var calls = 0;
        var server = await Serve(app => app.Map("/audio", context => Interlocked.Increment(ref calls) == 1
            ? AudioTestServer.ServeCutAsync(context, Audio, 100_000)
            : AudioTestServer.ServeAsync(context, Audio)));
        var cache = NewCache(server);

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash, Audio.Length));

        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        var requests = server.Requests.ToArray();
        requests.Length.ShouldBe(2);
        requests[0].Range.ShouldBeNull();
        requests[1].Range.ShouldBe("bytes=100000-");
        requests[1].IfRange.ShouldBe(AudioTestServer.ETagOf(Audio).ToString());
    }

    [Test]
    public async Task Get_WhenTheConnectionGoesSilentHalfway_GivesUpOnItAndResumesWithARangeRequest()
    {
        var calls = 0;
        var server = await Serve(app => app.Map("/audio", async context =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                await AudioTestServer.ServeAsync(context, Audio);
                return;
            }
            context.Response.ContentLength = Audio.Length;
            await context.Response.Body.WriteAsync(Audio.AsMemory(0, 50_000));
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }));
        var cache = new AudioCache(Client(server), folder.Path, long.MaxValue, stallTimeout: TimeSpan.FromMilliseconds(300));
        owned.Add(cache);

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash));

        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        server.Requests.ElementAt(1).Range.ShouldBe("bytes=50000-");
    }

    [Test]
    public async Task Get_WhenOneOfTwoWaitingCallersGivesUp_TheOtherStillGetsTheFile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Serve(app => app.Map("/audio", async context =>
        {
            await release.Task;
            await AudioTestServer.ServeAsync(context, Audio);
        }));
        var cache = NewCache(server);
        var request = new CachedAudioRequest(server.Url("/audio"), AudioHash);
        using var impatient = new CancellationTokenSource();

        var abandoned = cache.GetAsync(request, impatient.Token);
        var patient = cache.GetAsync(request);
        await impatient.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => abandoned);
        release.SetResult();

        (await File.ReadAllBytesAsync(await patient)).ShouldBe(Audio);
        server.Requests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Get_WhenTheServerIgnoresTheRange_StartsOverAndStillEndsCorrect()
    {
        var calls = 0;
        var server = await Serve(app => app.Map("/audio", context => Interlocked.Increment(ref calls) == 1
            ? AudioTestServer.ServeCutAsync(context, Audio, 100_000)
            : AudioTestServer.ServeAsync(context, Audio, ranges: false)));
        var cache = NewCache(server);

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash));

        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        server.Requests.Last().Range.ShouldBe("bytes=100000-");
        Directory.GetFiles(folder.Path).ShouldBe([path]);
    }

    [Test]
    public async Task Get_WhenAPartialDownloadSurvivesARestart_ResumesItFromWhereItStopped()
    {
        var server = await Serve(app => app.Map("/audio", context => AudioTestServer.ServeAsync(context, Audio)));
        await File.WriteAllBytesAsync(folder.File(AudioHash + ".partial"), Audio[..120_000]);
        var cache = NewCache(server);

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash, Audio.Length));

        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        server.Requests.Single().Range.ShouldBe("bytes=120000-");
    }

    [Test]
    public async Task Construction_WhenAPartialDownloadIsOlderThanADay_DeletesItAsAbandoned()
    {
        var stale = folder.File(AudioHash + ".partial");
        await File.WriteAllBytesAsync(stale, Audio[..1000]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-2));

        var server = await Serve(_ => { });
        NewCache(server);

        File.Exists(stale).ShouldBeFalse();
    }

    [Test]
    public async Task Get_WhenTheBodyIsCorruptOnce_DiscardsItAndFetchesAgain()
    {
        var corrupt = (byte[])Audio.Clone();
        corrupt[150_000] ^= 0xFF;
        var calls = 0;
        var server = await Serve(app => app.Map("/audio", context =>
            AudioTestServer.ServeAsync(context, Interlocked.Increment(ref calls) == 1 ? corrupt : Audio)));
        var cache = NewCache(server);

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash, Audio.Length));

        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        server.Requests.Count.ShouldBe(2);
        server.Requests.Last().Range.ShouldBeNull("a corrupt download is discarded whole, not resumed");
    }

    [Test]
    public async Task Get_WhenTheBodyIsAlwaysCorrupt_ThrowsAClearErrorAndKeepsNoFile()
    {
        var corrupt = (byte[])Audio.Clone();
        corrupt[0] ^= 0xFF;
        var server = await Serve(app => app.Map("/audio", context => AudioTestServer.ServeAsync(context, corrupt)));
        var cache = NewCache(server);
        var url = server.Url("/audio");

        var error = await Should.ThrowAsync<AudioIntegrityException>(() => cache.GetAsync(new CachedAudioRequest(url, AudioHash)));

        error.Message.ShouldContain(AudioHash);
        error.Message.ShouldContain(url.ToString());
        error.ActualHash.ShouldBe(AudioTestServer.Hash(corrupt));
        server.Requests.Count.ShouldBe(2);
        Directory.GetFiles(folder.Path).ShouldBeEmpty();
        cache.Contains(AudioHash).ShouldBeFalse();
    }

    [Test]
    public async Task Get_WhenTheCacheGoesOverItsCap_EvictsTheLeastRecentlyUsedFile()
    {
        var (server, files) = await ServeSmallFiles(3);
        var cache = NewCache(server, maxBytes: 2_500);
        await cache.GetAsync(files[0]);
        await cache.GetAsync(files[1]);
        await cache.GetAsync(files[0]); // now file 1 is the least recently used

        await cache.GetAsync(files[2]);

        cache.Contains(files[0].ContentHash).ShouldBeTrue();
        cache.Contains(files[1].ContentHash).ShouldBeFalse();
        cache.Contains(files[2].ContentHash).ShouldBeTrue();
        File.Exists(folder.File(files[1].ContentHash)).ShouldBeFalse();
        cache.TotalBytes.ShouldBe(2_000);
    }

    [Test]
    public async Task Get_WhenTheLeastRecentlyUsedFileIsPinned_EvictsTheNextOldestInstead()
    {
        var (server, files) = await ServeSmallFiles(3);
        var cache = NewCache(server, maxBytes: 2_500);
        await cache.GetAsync(files[0]);
        await cache.GetAsync(files[1]);
        cache.SetPinned([files[0].ContentHash]);

        await cache.GetAsync(files[2]);

        cache.Contains(files[0].ContentHash).ShouldBeTrue();
        cache.Contains(files[1].ContentHash).ShouldBeFalse();
        cache.Contains(files[2].ContentHash).ShouldBeTrue();
        cache.TotalBytes.ShouldBeLessThanOrEqualTo(cache.MaxBytes);
    }

    [Test]
    public async Task Get_AfterARestart_KeepsTheUsageOrderForEviction()
    {
        var (server, files) = await ServeSmallFiles(3);
        using (var before = new AudioCache(Client(server), folder.Path, maxBytes: 2_500))
        {
            await before.GetAsync(files[0]);
            await before.GetAsync(files[1]);
            await before.GetAsync(files[0]);
        }
        var after = NewCache(server, maxBytes: 2_500);

        await after.GetAsync(files[2]);

        after.Contains(files[0].ContentHash).ShouldBeTrue();
        after.Contains(files[1].ContentHash).ShouldBeFalse();
    }

    [Test]
    public async Task Get_AfterARestart_VerifiesAFileFoundOnDiskOnFirstUseWithoutDownloadingIt()
    {
        var server = await Serve(app => app.Map("/audio", context => AudioTestServer.ServeAsync(context, Audio)));
        await File.WriteAllBytesAsync(folder.File(AudioHash), Audio);
        var cache = NewCache(server);
        cache.Contains(AudioHash).ShouldBeTrue();
        cache.TryGetPath(AudioHash, out _).ShouldBeFalse("not verified yet");

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash));

        path.ShouldBe(folder.File(AudioHash));
        server.Requests.ShouldBeEmpty();
        cache.TryGetPath(AudioHash, out _).ShouldBeTrue();
    }

    [Test]
    public async Task Get_AfterARestart_ReplacesAFileOnDiskThatNoLongerMatchesItsHash()
    {
        var server = await Serve(app => app.Map("/audio", context => AudioTestServer.ServeAsync(context, Audio)));
        var damaged = (byte[])Audio.Clone();
        damaged[^1] ^= 0x01;
        await File.WriteAllBytesAsync(folder.File(AudioHash), damaged);
        var cache = NewCache(server);

        var path = await cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash));

        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        server.Requests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Get_WhenTwoCallersAskForOneHashAtOnce_MakesOneRequest()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await Serve(app => app.Map("/audio", async context =>
        {
            await release.Task;
            await AudioTestServer.ServeAsync(context, Audio);
        }));
        var cache = NewCache(server);
        var request = new CachedAudioRequest(server.Url("/audio"), AudioHash);

        var first = cache.GetAsync(request);
        var second = cache.GetAsync(request);
        release.SetResult();
        var paths = await Task.WhenAll(first, second);

        paths[0].ShouldBe(paths[1]);
        server.Requests.Count.ShouldBe(1);
    }

    [Test]
    public async Task Get_WhenTheServerRedirectsToStorage_FollowsItWithoutSendingTheDeviceKey()
    {
        var server = await Serve(app =>
        {
            app.Map("/api/sounds/1/audio", context =>
            {
                context.Response.Redirect("/storage/presigned?signature=abc");
                return Task.CompletedTask;
            });
            app.Map("/storage/presigned", context => AudioTestServer.ServeAsync(context, Audio));
        });
        var cache = NewCache(server);

        var path = await cache.GetAsync(new CachedAudioRequest(new Uri("/api/sounds/1/audio", UriKind.Relative), AudioHash));

        (await File.ReadAllBytesAsync(path)).ShouldBe(Audio);
        server.RequestsTo("/api/sounds/1/audio").Single().Authorization.ShouldBe($"Device {DeviceKey}");
        server.RequestsTo("/storage/presigned").Single().Authorization.ShouldBeNull();
    }

    [Test]
    public async Task Get_WhenTheServerRefuses_ThrowsWithTheStatusAndKeepsNothing()
    {
        var server = await Serve(app => app.Map("/audio", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
        var cache = NewCache(server);

        var error = await Should.ThrowAsync<HttpRequestException>(() => cache.GetAsync(new CachedAudioRequest(server.Url("/audio"), AudioHash)));

        error.Message.ShouldContain("404");
        Directory.GetFiles(folder.Path).ShouldBeEmpty();
    }

    private async Task<AudioTestServer> Serve(Action<WebApplication> map)
    {
        var server = await AudioTestServer.StartAsync(map);
        servers.Add(server);
        return server;
    }

    private async Task<(AudioTestServer Server, CachedAudioRequest[] Files)> ServeSmallFiles(int count)
    {
        var contents = Enumerable.Range(0, count).Select(i => AudioTestServer.RandomBytes(1_000, seed: 100 + i)).ToArray();
        var server = await Serve(app => app.Map("/small/{index:int}", (HttpContext context, int index) => AudioTestServer.ServeAsync(context, contents[index])));
        var files = contents.Select((bytes, i) => new CachedAudioRequest(server.Url($"/small/{i}"), AudioTestServer.Hash(bytes), bytes.Length)).ToArray();
        return (server, files);
    }

    private HttpClient Client(AudioTestServer server)
    {
        var client = AgentHttpClient.Create(server.BaseAddress, DeviceKey);
        owned.Add(client);
        return client;
    }

    private AudioCache NewCache(AudioTestServer server, long maxBytes = long.MaxValue)
    {
        var cache = new AudioCache(Client(server), folder.Path, maxBytes);
        owned.Add(cache);
        return cache;
    }
}
