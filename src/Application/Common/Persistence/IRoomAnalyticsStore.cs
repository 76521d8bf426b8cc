namespace Soundscape.Application.Common.Persistence;

/// <summary>
/// The room analytics' queries (docs/decisions.md, "Room analytics"), over the request's own connection: a caller who is
/// neither the player's manager nor an admin gets nothing from the database either (row-level security on
/// room_taste_history; the aggregate functions over private votes and sessions check the caller themselves).
/// Periods are half-open, [from, to).
/// </summary>
public interface IRoomAnalyticsStore
{
    /// <summary>public.room_analytics_summary; null when the caller may not read the player's analytics.</summary>
    Task<RoomSummaryRow?> RoomSummaryAsync(Guid playerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>public.room_analytics_sounds: every sound or mix played or voted on at the player in the period, unordered.</summary>
    Task<IReadOnlyList<RoomSoundRow>> RoomSoundsAsync(Guid playerId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The recorded tastes in the period averaged per bucket of <paramref name="bucket"/> (buckets start at
    /// <paramref name="from"/>), oldest first, preceded by the last sample before the period (at its own time) when there
    /// is one: the taste the room had when the period began.
    /// </summary>
    Task<IReadOnlyList<RoomTasteRow>> RoomTasteAsync(Guid playerId, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken);

    /// <summary>Deletes recorded tastes planned before <paramref name="before"/> (service work); returns how many.</summary>
    Task<int> DeleteTasteHistoryBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>Seconds are clipped to the period's end; AverageRating is null without ratings.</summary>
public sealed record RoomSummaryRow(
    long Plays, double PlayedSeconds, double ListenerSeconds, int PeakListeners, long UniqueListeners,
    long Votes, long Ratings, double? AverageRating, long Likes, long Dislikes);

/// <summary>Exactly one of SoundId and MixId; Title is null for a private mix of someone else; Approval is the mean vote on −1..1.</summary>
public sealed record RoomSoundRow(
    Guid? SoundId, Guid? MixId, string? Title, long Plays, double ListenerSeconds,
    long Votes, long Ratings, double? AverageRating, long Likes, long Dislikes, double? Approval);

/// <summary>One bucket: the mean shown taste (null when none was shown in it), the most listeners, and how many samples.</summary>
public sealed record RoomTasteRow(
    DateTimeOffset At, double? Rain, double? Wind, double? Fire, double? Thunder, double? Waves, int Listeners, int Samples);
