namespace Soundscape.PlayerAgent.Reporting;

/// <summary>What happened to a queue item; written as "started" / "ended".</summary>
public enum PlayEventKind
{
    Started,
    Ended,
}
