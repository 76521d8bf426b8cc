namespace Soundscape.Audio.UnitTests.Playback;

internal static class Allocations
{
    /// <summary>
    /// Bytes the current thread allocates over <paramref name="calls"/> calls in steady state: after a warm-up of as
    /// many calls, the least of three measured windows. The runtime may allocate once while code warms up (type
    /// loading, tiered JIT); an allocation per call shows in every window, so the minimum still catches it.
    /// </summary>
    public static long SteadyState(Action call, int calls)
    {
        for (var i = 0; i < calls; i++)
            call();
        var least = long.MaxValue;
        for (var window = 0; window < 3; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++)
                call();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }
}
