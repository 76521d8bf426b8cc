using Soundscape.Application.Devices.Common;
using Soundscape.Audio;
using Soundscape.Audio.Playback;
using Soundscape.PlayerAgent.Playback;
using Soundscape.PlayerAgent.Reporting;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>The director without a server: fake audio, a real crossfade queue read by hand, a real journal.</summary>
public sealed class PlaybackDirectorTests
{
    private static readonly AudioFormat Mono = new(1000, 1);
    private string _folder = null!;
    private PlayEventJournal _journal = null!;
    private CrossfadeQueue _engine = null!;
    private FakeSources _sources = null!;
    private bool _reachable = true;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("director-").FullName;
        _journal = new PlayEventJournal(Path.Combine(_folder, "journal.jsonl"));
        _engine = new CrossfadeQueue(Mono, TimeSpan.FromSeconds(0.1));
        _sources = new FakeSources();
        _reachable = true;
    }

    [TearDown]
    public void TearDown()
    {
        _journal.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public void BuildMix_MapsEachLayersVolumeLoopAndDelay_AndTheMixDuration()
    {
        var mix = new DeviceMixDto(Guid.NewGuid(), "storm", 42, [Layer("rain", 0.8, loop: true, delay: 0), Layer("thunder", 1.5, loop: false, delay: 7.5)]);

        var mixer = ItemSources.BuildMix(mix, [Source(10), Source(10)], AudioFormat.Stereo48k);

        mixer.Format.ShouldBe(AudioFormat.Stereo48k);
        mixer.Duration.ShouldBe(TimeSpan.FromSeconds(42));
        mixer.Layers.Count.ShouldBe(2);
        mixer.Layers[0].Volume.ShouldBe(0.8f);
        mixer.Layers[0].Loops.ShouldBeTrue();
        mixer.Layers[0].DelaySeconds.ShouldBe(0);
        mixer.Layers[1].Volume.ShouldBe(1f, "volumes are clamped to 0..1");
        mixer.Layers[1].Loops.ShouldBeFalse();
        mixer.Layers[1].DelaySeconds.ShouldBe(7.5);
    }

    [Test]
    public async Task Director_PlaysTheQueueInOrder_OneLinedUpAhead_AndJournalsStartedAndEnded()
    {
        var queue = Queue(1, Item("a", 0), Item("b", 1));
        var director = NewDirector(queue);

        await director.StepAsync(CancellationToken.None);
        director.LinedUp!.Title.ShouldBe("a");
        await PlayAsync(director, seconds: 1.5);
        await PlayAsync(director, seconds: 3);

        var reports = _journal.Pending();
        reports.Select(r => (r.QueueItemId, r.Event)).ShouldBe([
            (queue.Items[0].QueueItemId, PlayEventKind.Started),
            (queue.Items[1].QueueItemId, PlayEventKind.Started),
            (queue.Items[0].QueueItemId, PlayEventKind.Ended),
            (queue.Items[1].QueueItemId, PlayEventKind.Ended)]);
        reports.Select(r => r.EventId).Distinct().Count().ShouldBe(4);
        _sources.Opened.ShouldBe(["a", "b"]);
    }

    [Test]
    public async Task NewQueueVersion_ReplacesTheLinedUpItem_ButNeverThePlayingOne()
    {
        var first = Queue(1, Item("a", 0), Item("b", 1));
        var director = NewDirector(first);
        await director.StepAsync(CancellationToken.None);
        await PlayAsync(director, seconds: 0.5); // a plays, b is lined up
        director.Playing!.Title.ShouldBe("a");
        director.LinedUp!.Title.ShouldBe("b");

        // The server re-planned: a (already started here) is gone, c comes before b.
        director.OnQueueChanged(Queue(2, Item("c", 0), first.Items[1]));
        await director.StepAsync(CancellationToken.None);

        director.Playing!.Title.ShouldBe("a");
        director.LinedUp!.Title.ShouldBe("c");
        await PlayAsync(director, seconds: 5);
        _journal.Pending().Where(r => r.Event == PlayEventKind.Started).Select(r => r.QueueItemId)
            .ShouldBe([first.Items[0].QueueItemId, _sources.IdOf("c"), first.Items[1].QueueItemId]);
    }

    [Test]
    public async Task NewQueueVersion_WithTheSameNextItem_KeepsItLinedUp()
    {
        var first = Queue(1, Item("a", 0), Item("b", 1));
        var director = NewDirector(first);
        await director.StepAsync(CancellationToken.None);
        await PlayAsync(director, seconds: 0.5);
        var linedUp = director.LinedUp;

        director.OnQueueChanged(Queue(2, first.Items[1], Item("c", 1)));
        await director.StepAsync(CancellationToken.None);

        director.LinedUp.ShouldBeSameAs(linedUp);
        _sources.Opened.ShouldBe(["a", "b"]);
    }

    [Test]
    public async Task ServerUnreachable_AndTheQueuePlayed_CachedSoundsPlayMostRecentFirst_AndAreNotReported()
    {
        var director = NewDirector(Queue(1, Item("a", 0)));
        _sources.Cached.AddRange(["h2", "h1"]);
        await director.StepAsync(CancellationToken.None);
        await PlayAsync(director, seconds: 0.5);
        director.LinedUp.ShouldBeNull("the server is reachable: its empty queue is what the room chose");

        _reachable = false;
        await PlayAsync(director, seconds: 6);

        _sources.Opened.Take(4).ShouldBe(["a", "cached:h2", "cached:h1", "cached:h2"]);
        _journal.Pending().Select(r => r.Event).ShouldBe([PlayEventKind.Started, PlayEventKind.Ended]);
    }

    [Test]
    public async Task QueueItemComing_WhileAFallbackIsLinedUp_TakesItsPlace()
    {
        _reachable = false;
        _sources.Cached.Add("h1");
        var director = NewDirector(null);
        await director.StepAsync(CancellationToken.None);
        await PlayAsync(director, seconds: 0.5);
        director.LinedUp!.Item.ShouldBeNull();

        director.OnQueueChanged(Queue(5, Item("x", 0)));
        await director.StepAsync(CancellationToken.None);

        director.LinedUp!.Title.ShouldBe("x");
    }

    private PlaybackDirector NewDirector(DeviceQueueDto? queue) => new(_engine, _sources, _journal, () => _reachable, queue);

    /// <summary>Reads the engine in 0.1 s blocks, letting the director step after each (as its loop would).</summary>
    private async Task PlayAsync(PlaybackDirector director, double seconds)
    {
        var block = new float[100];
        for (var i = 0; i < seconds * 10; i++)
        {
            _engine.Read(block);
            await director.StepAsync(CancellationToken.None);
        }
    }

    private DeviceQueueItemDto Item(string title, int position) =>
        new(_sources.IdOf(title), position, "sound", new DeviceSoundDto(Guid.NewGuid(), title, 1, $"/api/sounds/{title}/audio", new string('a', 64)), null);

    private static DeviceQueueDto Queue(long version, params DeviceQueueItemDto[] items) => new(version, items);

    private static DeviceMixLayerDto Layer(string title, double volume, bool loop, double delay) =>
        new(new DeviceSoundDto(Guid.NewGuid(), title, 10, $"/api/sounds/{title}/audio", new string('b', 64)), volume, loop, delay);

    private static BufferSource Source(int frames) => new(Enumerable.Repeat(0.25f, frames).ToArray(), Mono);

    /// <summary>Every item is one second of a constant; ids are stable per title.</summary>
    private sealed class FakeSources : IItemSources
    {
        private readonly Dictionary<string, Guid> ids = [];

        public List<string> Opened { get; } = [];

        public List<string> Cached { get; } = [];

        public Guid IdOf(string title) => ids.TryGetValue(title, out var id) ? id : ids[title] = Guid.NewGuid();

        public Task<OpenedItem> OpenAsync(DeviceQueueItemDto item, CancellationToken cancellationToken)
        {
            Opened.Add(item.Sound!.Title);
            return Task.FromResult(new OpenedItem(Source(1000), []));
        }

        public Task<OpenedItem> OpenCachedAsync(string contentHash, CancellationToken cancellationToken)
        {
            Opened.Add($"cached:{contentHash}");
            return Task.FromResult(new OpenedItem(Source(1000), []));
        }

        public IReadOnlyList<string> CachedByRecency() => Cached;
    }
}
