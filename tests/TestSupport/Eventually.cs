using System.Diagnostics;
using NUnit.Framework;

namespace Soundscape.TestSupport;

/// <summary>For what happens in the background (the engine's re-plans, an agent's reports): poll until it has.</summary>
public static class Eventually
{
    /// <summary>Polls until <paramref name="probe"/> returns something, failing the test when <paramref name="within"/> has passed.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan within, CancellationToken cancellationToken = default) where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
                return found;
            if (deadline.Elapsed > within)
                Assert.Fail($"Not within {within.TotalSeconds:F1} s.");
            await Task.Delay(25, cancellationToken);
        }
    }
}
