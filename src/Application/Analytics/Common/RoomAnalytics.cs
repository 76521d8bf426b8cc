using Soundscape.Application.Analytics.GetRoomAnalytics;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;

namespace Soundscape.Application.Analytics.Common;

/// <summary>Reads a room's analytics and shapes them for the JSON answer and the CSV export.</summary>
internal static class RoomAnalytics
{
    public const int MaxSoundRows = 100;
    public const int RankedSounds = 5;

    public static async Task<RoomAnalyticsDto> ReadAsync(
        IRoomAnalyticsStore store, Guid playerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // The access check passed in the handler; the database checks again, and a refusal there is a 404 as well.
        var summary = await store.RoomSummaryAsync(playerId, from, to, cancellationToken) ?? throw new NotFoundException("Player", playerId);
        var sounds = (await store.RoomSoundsAsync(playerId, from, to, cancellationToken)).Select(ToDto).ToList();
        var bucket = AnalyticsPeriod.TasteBucket(from, to);
        var taste = await store.RoomTasteAsync(playerId, from, to, bucket, cancellationToken);

        // With few voted sounds they are split, the better half (rounded up) on top, so no sound is both.
        var voted = sounds.Where(s => s.Approval is not null).ToList();
        var top = voted.OrderByDescending(s => s.Approval).ThenByDescending(s => s.Votes).ThenBy(s => s.Title, StringComparer.Ordinal)
            .Take(Math.Min(RankedSounds, (voted.Count + 1) / 2)).ToList();
        var bottom = voted.Except(top).OrderBy(s => s.Approval).ThenByDescending(s => s.Votes).ThenBy(s => s.Title, StringComparer.Ordinal)
            .Take(RankedSounds).ToList();
        var table = Ordered(sounds).Take(MaxSoundRows).ToList();

        return new RoomAnalyticsDto(playerId, from, to,
            new RoomSummaryDto(summary.Plays, Minutes(summary.PlayedSeconds), Minutes(summary.ListenerSeconds), summary.UniqueListeners,
                summary.PeakListeners, summary.Votes, summary.Ratings, summary.AverageRating, summary.Likes, summary.Dislikes),
            table, sounds.Count, top, bottom,
            new RoomTasteHistoryDto((int)bucket.TotalSeconds, taste.Select(ToDto).ToList()));
    }

    /// <summary>The per-sound table's order: most played, then most voted, then by title and id so it is stable.</summary>
    public static IEnumerable<SoundAnalyticsDto> Ordered(IEnumerable<SoundAnalyticsDto> sounds) =>
        sounds.OrderByDescending(s => s.Plays).ThenByDescending(s => s.Votes).ThenBy(s => s.Title, StringComparer.Ordinal)
            .ThenBy(s => s.SoundId ?? s.MixId);

    public static SoundAnalyticsDto ToDto(RoomSoundRow row) =>
        new(row.SoundId, row.MixId, row.Title, row.Plays, Minutes(row.ListenerSeconds), row.Votes, row.Ratings, row.AverageRating,
            row.Likes, row.Dislikes, row.Approval);

    private static RoomTastePointDto ToDto(RoomTasteRow row) =>
        new(row.At,
            row is { Rain: { } rain, Wind: { } wind, Fire: { } fire, Thunder: { } thunder, Waves: { } waves }
                ? new TasteDto(rain, wind, fire, thunder, waves)
                : null,
            row.Listeners, row.Samples);

    // Two decimals are plenty for minutes, and keep the JSON and CSV readable.
    private static double Minutes(double seconds) => Math.Round(seconds / 60, 2);
}
