using Soundscape.Audio.Playback;

namespace Soundscape.Audio.UnitTests.Playback;

public sealed class CrossfadeQueueTests
{
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;
    private static readonly AudioFormat Mono = new(48_000, 1);

    [Test]
    public void Queue_PlaysItemsInOrderOverlappingByTheCrossfade()
    {
        var queue = new CrossfadeQueue(Mono, TimeSpan.FromSeconds(1));
        queue.Enqueue(new BufferSource(new float[96_000], Mono));
        queue.Enqueue(new BufferSource(new float[72_000], Mono));

        Signals.Render(queue, blockFrames: 1000).Length.ShouldBe(96_000 + 72_000 - 48_000);
        queue.IsIdle.ShouldBeTrue();
    }

    [Test]
    public void ClearPending_RemovesWhatWasLinedUp_ButNotThePlayingItem()
    {
        var queue = new CrossfadeQueue(Mono, TimeSpan.Zero);
        queue.Enqueue(new BufferSource([1, 2, 3], Mono), "a");
        queue.Enqueue(new BufferSource([4, 5], Mono), "b");
        queue.Enqueue(new BufferSource([6], Mono), "c");
        var first = new float[2];
        queue.Read(first).ShouldBe(2);

        queue.ClearPending().ShouldBe(["b", "c"]);
        queue.Enqueue(new BufferSource([7], Mono), "d");

        first.ShouldBe([1f, 2]);
        Signals.Render(queue, blockFrames: 2).ShouldBe([3f, 7]);
        queue.PendingCount.ShouldBe(0);
    }

    [Test]
    public void Queue_DefaultCrossfade_IsThreeSeconds() =>
        new CrossfadeQueue(Stereo).Crossfade.ShouldBe(TimeSpan.FromSeconds(3));

    [Test]
    public void Queue_WithoutCrossfade_PlaysItemsBackToBack()
    {
        var queue = new CrossfadeQueue(Mono, TimeSpan.Zero);
        queue.Enqueue(new BufferSource([1, 2, 3], Mono));
        queue.Enqueue(new BufferSource([4, 5], Mono));
        Signals.Render(queue, blockFrames: 2).ShouldBe([1f, 2, 3, 4, 5]);
    }

    [Test]
    public void Queue_LastItem_PlaysToItsEndUnfaded()
    {
        var queue = new CrossfadeQueue(Mono, TimeSpan.FromSeconds(0.5));
        var ones = Enumerable.Repeat(0.5f, 48_000).ToArray();
        queue.Enqueue(new BufferSource(ones, Mono));
        Signals.Render(queue, blockFrames: 777).ShouldBe(ones);
    }

    [Test]
    public void Queue_FadeBetweenEqualUnrelatedNoises_NeverDipsMoreThan3dB()
    {
        var queue = new CrossfadeQueue(Stereo);
        queue.Enqueue(new BufferSource(Signals.Noise(Stereo, 5, seed: 1), Stereo));
        queue.Enqueue(new BufferSource(Signals.Noise(Stereo, 5, seed: 2), Stereo));
        var output = Signals.Render(queue);
        output.Length.ShouldBe(7 * 48_000 * 2);

        var (lowest, highest) = WindowLevels(output, reference: 0.5 / Math.Sqrt(3));
        lowest.ShouldBeGreaterThan(-3.0);
        // Equal-power on unrelated signals keeps the level nearly flat; allow the noise of 20 ms RMS estimates.
        lowest.ShouldBeGreaterThan(-0.5);
        highest.ShouldBeLessThan(0.5);
    }

    [Test]
    public void Queue_FadeBetweenIdenticalSignals_NeverDipsAndRisesAtMost3dB()
    {
        var queue = new CrossfadeQueue(Stereo);
        var tone = Signals.Sine(Stereo, 500, 5); // 500 Hz, whole periods in every 20 ms window
        queue.Enqueue(new BufferSource(tone, Stereo));
        queue.Enqueue(new BufferSource(tone, Stereo));
        var output = Signals.Render(queue);

        // The second item starts at 2 s, in phase with the first only if 2 s is whole periods of 500 Hz: it is.
        var (lowest, highest) = WindowLevels(output, reference: 0.5 / Math.Sqrt(2));
        lowest.ShouldBeGreaterThan(-0.1);
        highest.ShouldBeLessThan(3.02);
        highest.ShouldBeGreaterThan(2.9);
    }

    [Test]
    public void Queue_ReadingThroughFades_AllocatesNothing()
    {
        // 40 items of 0.1 s with 30 ms fades, read in ~11 ms blocks: every window of 60 reads crosses several fades.
        var queue = new CrossfadeQueue(Stereo, TimeSpan.FromMilliseconds(30), expectedBlockFrames: 512);
        var clip = Signals.Noise(Stereo, 0.1, seed: 1);
        for (var i = 0; i < 40; i++)
            queue.Enqueue(new BufferSource(clip, Stereo), i);
        var started = 0;
        queue.ItemStarted += _ => started++;
        var buffer = new float[512 * 2];
        var shortReads = 0;

        Allocations.SteadyState(() => shortReads += queue.Read(buffer) < buffer.Length ? 1 : 0, calls: 60).ShouldBe(0);
        shortReads.ShouldBe(0);
        started.ShouldBeGreaterThan(25);
    }

    [Test]
    public void Queue_ReportsEachItemStartingAndEndingInPlayingOrder()
    {
        var queue = new CrossfadeQueue(Mono, TimeSpan.FromSeconds(0.1));
        var events = new List<string>();
        queue.ItemStarted += tag => events.Add($"start {tag}");
        queue.ItemEnded += tag => events.Add($"end {tag}");
        queue.Enqueue(new BufferSource(new float[48_000], Mono), "A");
        queue.Enqueue(new BufferSource(new float[48_000], Mono), "B");

        var block = new float[1200];
        queue.Read(block);
        events.ShouldBe(["start A"]);
        queue.CurrentTag.ShouldBe("A");
        for (var i = 0; i < 38; i++) // to 0.975 s: A's fade (0.9–1.0 s) has begun, not finished
            queue.Read(block);
        events.ShouldBe(["start A", "start B"]);
        queue.Read(block);
        events.ShouldBe(["start A", "start B", "end A"]);
        queue.CurrentTag.ShouldBe("B");
        Signals.Render(queue);
        events.ShouldBe(["start A", "start B", "end A", "end B"]);
    }

    [Test]
    public void Queue_SkipWithANextItem_CrossfadesIntoItAtOnce()
    {
        var queue = new CrossfadeQueue(Mono, TimeSpan.FromSeconds(0.5));
        queue.Enqueue(new BufferSource(Enumerable.Repeat(0.5f, 480_000).ToArray(), Mono), "long");
        queue.Enqueue(new BufferSource(Enumerable.Repeat(0.25f, 48_000).ToArray(), Mono), "next");
        var first = new float[4800];
        queue.Read(first);

        queue.Skip();
        var rest = Signals.Render(queue);

        // The 0.5 s fade starts right away, then "next" plays its remaining 0.5 s.
        rest.Length.ShouldBe(48_000);
        rest[0].ShouldBeGreaterThan(0.49f);
        rest[24_000 - 1].ShouldBeInRange(0.2499f, 0.2501f);
    }

    [Test]
    public void Queue_SkipWithNothingQueued_FadesOutToSilenceOverTheCrossfade()
    {
        var queue = new CrossfadeQueue(Mono, TimeSpan.FromSeconds(0.25));
        var ended = 0;
        queue.ItemEnded += _ => ended++;
        queue.Enqueue(new BufferSource(Enumerable.Repeat(0.5f, 480_000).ToArray(), Mono));
        queue.Read(new float[4800]);

        queue.Skip();
        var rest = Signals.Render(queue);

        rest.Length.ShouldBe(12_000);
        rest[0].ShouldBeGreaterThan(0.49f);
        Math.Abs(rest[^1]).ShouldBeLessThan(0.001f);
        for (var i = 1; i < rest.Length; i++)
            rest[i].ShouldBeLessThanOrEqualTo(rest[i - 1]);
        ended.ShouldBe(1);
        queue.IsIdle.ShouldBeTrue();
    }

    /// <summary>Lowest and highest 20 ms RMS level of the left channel, in dB relative to the reference RMS.</summary>
    private static (double Lowest, double Highest) WindowLevels(float[] stereo, double reference)
    {
        var left = Signals.Channel(stereo, 2, 0);
        const int window = 960;
        double lowest = double.MaxValue, highest = double.MinValue;
        for (var start = 0; start + window <= left.Length; start += window)
        {
            var level = Signals.Db(Signals.Rms(left.AsSpan(start, window)) / reference);
            lowest = Math.Min(lowest, level);
            highest = Math.Max(highest, level);
        }
        return (lowest, highest);
    }
}
