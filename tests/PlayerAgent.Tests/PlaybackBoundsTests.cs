using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Soundscape.Application.Devices.Common;
using Soundscape.Audio;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Playback;
using Soundscape.Audio.Wav;
using Soundscape.PlayerAgent.Caching;
using Soundscape.PlayerAgent.Playback;
using Soundscape.PlayerAgent.Reporting;
using Soundscape.PlayerAgent.Tests.Support;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>
/// The director harness (a real crossfade queue read by hand, a real journal) over real audio: WAV files served by a
/// loopback server, fetched by the real cache and decoded by the real decoder (<see cref="ItemSources"/>). No item
/// plays past its announced duration, and every item that started is reported ended.
/// </summary>
public sealed class PlaybackBoundsTests
{
    private static readonly AudioFormat Mono = new(8000, 1);
    private const int BlockFrames = 400; // 50 ms
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private string _folder = null!;
    private AudioTestServer _server = null!;
    private HttpClient _http = null!;
    private AudioCache _cache = null!;
    private PlayEventJournal _journal = null!;
    private CrossfadeQueue _engine = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("bounds-").FullName;
        _server = await AudioTestServer.StartAsync(app =>
            app.MapGet("/audio/{name}", (HttpContext context, string name) => AudioTestServer.ServeAsync(context, _files[name])));
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
        _cache = new AudioCache(_http, Path.Combine(_folder, "cache"), 64 * 1024 * 1024);
        _journal = new PlayEventJournal(Path.Combine(_folder, "journal.jsonl"));
        _engine = new CrossfadeQueue(Mono, TimeSpan.FromSeconds(0.1));
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _journal.Dispose();
        _cache.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [TestCase(3.0, 1.2)]
    [TestCase(3.0, 0.5)]
    [TestCase(2.0, 1.95)]
    [TestCase(0.2, 0.05)]
    public async Task Sound_LongerThanItsAnnouncedDuration_IsCutThere_AndReportedEnded(double fileSeconds, double announced)
    {
        var rain = Sound("rain", Wav(0.25f, fileSeconds), announced);
        var director = NewDirector(Queue(rain));

        var heard = await PlayAsync(director, seconds: fileSeconds + 1);

        heard.Count(s => s == 0.25f).ShouldBe((int)Math.Round(announced * Mono.SampleRate));
        Events().ShouldBe([(rain.QueueItemId, PlayEventKind.Started), (rain.QueueItemId, PlayEventKind.Ended)]);
    }

    [Test]
    public async Task Sound_ShorterThanItsAnnouncedDuration_PlaysWhatItHas()
    {
        var rain = Sound("rain", Wav(0.25f, 0.8), announcedSeconds: 5);
        var director = NewDirector(Queue(rain));

        var heard = await PlayAsync(director, seconds: 2);

        heard.Count(s => s == 0.25f).ShouldBe(6400);
        Events().Select(e => e.Event).ShouldBe([PlayEventKind.Started, PlayEventKind.Ended]);
    }

    [TestCase(1.75)]
    [TestCase(0.6)]
    public async Task Mix_OfALoopingLayer_StopsAtTheMixsAnnouncedDuration(double announced)
    {
        var storm = Mix("storm", announced, (Wav(0.5f, 0.25), Loop: true));
        var director = NewDirector(Queue(storm));

        var heard = await PlayAsync(director, seconds: announced + 1);

        heard.Count(s => s == 0.5f).ShouldBe((int)Math.Round(announced * Mono.SampleRate));
        Events().ShouldBe([(storm.QueueItemId, PlayEventKind.Started), (storm.QueueItemId, PlayEventKind.Ended)]);
    }

    [Test]
    public async Task CutItem_FollowedByAnother_EndsAtItsDurationAndIsReportedBeforeTheNextEnds()
    {
        var rain = Sound("rain", Wav(0.25f, 4), announcedSeconds: 1);
        var fire = Sound("fire", Wav(0.5f, 1), announcedSeconds: 1);
        var director = NewDirector(Queue(rain, fire));

        var heard = await PlayAsync(director, seconds: 3);

        // Rain's last 0.1 s is its fade into fire, so 0.9 s of it is heard unchanged; fire after its fade-in the same.
        heard.Count(s => s == 0.25f).ShouldBe(7200);
        heard.Count(s => s == 0.5f).ShouldBe(7200);
        Events().ShouldBe([
            (rain.QueueItemId, PlayEventKind.Started), (fire.QueueItemId, PlayEventKind.Started),
            (rain.QueueItemId, PlayEventKind.Ended), (fire.QueueItemId, PlayEventKind.Ended)]);
    }

    [Test]
    public async Task LoopingLayer_WhoseFileBreaksWhilePlaying_EndsTheMix_ReportsEnded_AndTheNextItemPlays()
    {
        var storm = Mix("storm", 3, (Wav(0.5f, 0.3), Loop: true));
        var fire = Sound("fire", Wav(0.25f, 1), announcedSeconds: 1);
        var director = NewDirector(Queue(storm, fire));
        await PlayAsync(director, seconds: 0.1);
        director.Playing!.Title.ShouldBe("storm");

        // The cached layer is damaged while it plays: its next loop cannot be decoded.
        var cached = Path.Combine(_cache.Folder, storm.Mix!.Layers[0].Sound.ContentHash);
        File.Delete(cached);
        await File.WriteAllTextAsync(cached, "this is not audio any more");
        var heard = await PlayAsync(director, seconds: 3);

        heard.Count(s => s == 0.5f).ShouldBeLessThan(2400, "the mix ended at its first loop, not after 3 s");
        heard.Count(s => s == 0.25f).ShouldBe(7200, "fire played whole, less its fade-in");
        Events().ShouldBe([
            (storm.QueueItemId, PlayEventKind.Started), (fire.QueueItemId, PlayEventKind.Started),
            (storm.QueueItemId, PlayEventKind.Ended), (fire.QueueItemId, PlayEventKind.Ended)]);
    }

    [TestCase("text")]
    [TestCase("random")]
    [TestCase("header only")]
    [TestCase("empty")]
    public async Task Item_ThatCannotBeDecoded_IsReportedAsAPlayOfNoLength_AndTheNextPlays(string damage)
    {
        var wav = Wav(0.25f, 1);
        byte[] broken = damage switch
        {
            "text" => "not audio at all\n"u8.ToArray(),
            "random" => AudioTestServer.RandomBytes(4000, seed: 11),
            "header only" => wav[..30],
            _ => [],
        };
        var bad = Sound("bad", broken, announcedSeconds: 1);
        var fire = Sound("fire", Wav(0.5f, 1), announcedSeconds: 1);
        var director = NewDirector(Queue(bad, fire));

        var heard = await PlayAsync(director, seconds: 2);

        Events().ShouldBe([
            (bad.QueueItemId, PlayEventKind.Started), (bad.QueueItemId, PlayEventKind.Ended),
            (fire.QueueItemId, PlayEventKind.Started), (fire.QueueItemId, PlayEventKind.Ended)]);
        var reports = _journal.Pending();
        reports[1].At.ShouldBe(reports[0].At, tolerance: TimeSpan.FromMilliseconds(200));
        heard.Count(s => s == 0.5f).ShouldBe(8000, "fire plays whole after the broken one");
    }

    [Test]
    public async Task Stop_InTheMiddleOfAnItem_ReportsItEnded_Once()
    {
        var rain = Sound("rain", Wav(0.25f, 2), announcedSeconds: 2);
        var director = NewDirector(Queue(rain));
        await PlayAsync(director, seconds: 0.5);

        director.Stop();
        director.Stop();

        Events().ShouldBe([(rain.QueueItemId, PlayEventKind.Started), (rain.QueueItemId, PlayEventKind.Ended)]);
        director.Playing.ShouldBeNull();
    }

    [TestCase(60.0, 60.0)]
    [TestCase(86400.0, 86400.0)]
    [TestCase(1e9, 86400.0)]
    [TestCase(0.0, 86400.0)]
    [TestCase(-5.0, 86400.0)]
    [TestCase(double.NaN, 86400.0)]
    [TestCase(double.PositiveInfinity, 86400.0)]
    public void Limit_IsTheAnnouncedDuration_AtMostADay(double announced, double limit) =>
        BoundedItem.LimitOf(announced).ShouldBe(TimeSpan.FromSeconds(limit));

    private PlaybackDirector NewDirector(DeviceQueueDto queue) =>
        new(_engine, new ItemSources(_cache, sound => _server.Url(sound.AudioUrl), new AudioDecoder(), Mono), _journal, () => true, queue);

    private List<(Guid QueueItemId, PlayEventKind Event)> Events() => _journal.Pending().Select(r => (r.QueueItemId, r.Event)).ToList();

    /// <summary>Reads the engine in 50 ms blocks, letting the director step after each (as its loop would); returns what was rendered.</summary>
    private async Task<float[]> PlayAsync(PlaybackDirector director, double seconds)
    {
        var heard = new List<float>();
        var block = new float[BlockFrames];
        await director.StepAsync(CancellationToken.None);
        for (var i = 0; i < seconds * Mono.SampleRate / BlockFrames; i++)
        {
            var read = _engine.Read(block);
            heard.AddRange(block.AsSpan(0, read).ToArray());
            await director.StepAsync(CancellationToken.None);
        }
        return heard.ToArray();
    }

    private static DeviceQueueDto Queue(params DeviceQueueItemDto[] items) =>
        new(1, items.Select((item, i) => item with { Position = i }).ToList());

    private DeviceQueueItemDto Sound(string title, byte[] bytes, double announcedSeconds) =>
        new(Guid.NewGuid(), 0, "sound", Serve(title, bytes, announcedSeconds), null);

    private DeviceQueueItemDto Mix(string name, double announcedSeconds, params (byte[] Bytes, bool Loop)[] layers) =>
        new(Guid.NewGuid(), 0, "mix", null, new DeviceMixDto(Guid.NewGuid(), name, announcedSeconds,
            layers.Select((l, i) => new DeviceMixLayerDto(Serve($"{name}-{i}", l.Bytes, 0), 1, l.Loop, 0)).ToList()));

    private DeviceSoundDto Serve(string title, byte[] bytes, double durationSeconds)
    {
        _files[title] = bytes;
        return new DeviceSoundDto(Guid.NewGuid(), title, durationSeconds, $"/audio/{title}", AudioTestServer.Hash(bytes));
    }

    /// <summary>A constant level (exact in 16-bit PCM) lasting <paramref name="seconds"/>, as a mono WAV file's bytes.</summary>
    private static byte[] Wav(float level, double seconds)
    {
        var path = Path.GetTempFileName();
        using (var writer = WavWriter.Create(path, Mono))
            writer.Write(Enumerable.Repeat(level, (int)Math.Round(seconds * Mono.SampleRate)).ToArray());
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }
}
