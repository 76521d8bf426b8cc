namespace Soundscape.Application.Analytics.Common;

/// <summary>Room analytics (configuration "Analytics"); validated at start-up.</summary>
public sealed class RoomAnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>
    /// A plan records the room's taste only when it moved by more than this Euclidean distance from the last recorded one
    /// (the tastes are unit vectors, so 0..2), or when the listener count or whether a taste is shown changed. 0 records
    /// every change. Default 0.02; at most 0.5.
    /// </summary>
    public double TasteEpsilon { get; set; } = 0.02;

    /// <summary>Recorded tastes older than this are deleted by the retention sweep. Default 400 days (a year and a bit, for year-on-year views); at least one day.</summary>
    public TimeSpan TasteRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Whether this instance runs the retention sweep (tests turn it off). Default true.</summary>
    public bool SweepEnabled { get; set; } = true;

    /// <summary>How often the retention sweep runs. Default six hours; from one minute to one week.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);
}
