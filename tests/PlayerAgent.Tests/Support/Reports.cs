using Soundscape.PlayerAgent.Reporting;

namespace Soundscape.PlayerAgent.Tests.Support;

internal static class Reports
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Reports for alternating started/ended events, one minute apart, with distinct ids.</summary>
    public static PlayReport[] Make(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PlayReport(
            Guid.CreateVersion7(), new Guid(i + 1, 0, 0, new byte[8]), i % 2 == 0 ? PlayEventKind.Started : PlayEventKind.Ended, Start.AddMinutes(i)))];
}
