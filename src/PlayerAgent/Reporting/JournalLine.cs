namespace Soundscape.PlayerAgent.Reporting;

/// <summary>One line of the journal file: a report, or the acknowledgement of one (only <see cref="EventId"/> set).</summary>
internal sealed record JournalLine(
    JournalLineKind Kind,
    Guid EventId,
    Guid? QueueItemId = null,
    PlayEventKind? Event = null,
    DateTimeOffset? At = null,
    Guid? SoundId = null,
    Guid? MixId = null)
{
    public static JournalLine For(PlayReport report) =>
        new(JournalLineKind.Report, report.EventId, report.QueueItemId, report.Event, report.At, report.SoundId, report.MixId);

    public static JournalLine Ack(Guid eventId) => new(JournalLineKind.Ack, eventId);

    /// <summary>The report a report line carries; null for an ack or a report line missing a field.</summary>
    public PlayReport? ToReport() =>
        Kind == JournalLineKind.Report && QueueItemId is { } item && Event is { } kind && At is { } at
            ? new PlayReport(EventId, item, kind, at, SoundId, MixId)
            : null;
}
