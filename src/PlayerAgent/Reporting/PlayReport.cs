namespace Soundscape.PlayerAgent.Reporting;

/// <summary>
/// One play event for the server. <see cref="EventId"/> is chosen by the agent when the event happens and never
/// changes: the server records each id once, which turns the journal's at-least-once delivery into exactly-once.
/// <see cref="SoundId"/> or <see cref="MixId"/> says what played, so a late start still counts on the server after
/// it re-planned the item away.
/// </summary>
public sealed record PlayReport(Guid EventId, Guid QueueItemId, PlayEventKind Event, DateTimeOffset At, Guid? SoundId = null, Guid? MixId = null);
