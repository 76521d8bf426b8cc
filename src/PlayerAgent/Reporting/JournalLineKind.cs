namespace Soundscape.PlayerAgent.Reporting;

/// <summary>Written as "report" / "ack".</summary>
internal enum JournalLineKind
{
    Report,
    Ack,
}
