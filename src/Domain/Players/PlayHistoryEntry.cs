using Soundscape.Domain.Common;

namespace Soundscape.Domain.Players;

/// <summary>A play at a player: the source of the recency penalty.</summary>
public sealed class PlayHistoryEntry : Entity
{
    private PlayHistoryEntry()
    {
    }

    private PlayHistoryEntry(Guid id, Guid playerId, PlayableRef item, DateTimeOffset startedAt, int listeners) : base(id, startedAt)
    {
        PlayerId = playerId;
        SoundId = item.SoundId;
        MixId = item.MixId;
        StartedAt = startedAt;
        Listeners = listeners;
    }

    public Guid PlayerId { get; private set; }
    public Guid? SoundId { get; private set; }
    public Guid? MixId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public int Listeners { get; private set; }

    /// <summary>The queue item the device started, so its "ended" report finds this play.</summary>
    public Guid? QueueItemId { get; private set; }

    public static PlayHistoryEntry Start(Guid playerId, PlayableRef item, DateTimeOffset startedAt, int listeners, Guid? queueItemId = null)
    {
        if (listeners < 0)
            throw new DomainValidationException("listeners", "listeners must be ≥ 0.");
        return new PlayHistoryEntry(NewId(), playerId, item, startedAt, listeners) { QueueItemId = queueItemId };
    }

    public void End(DateTimeOffset endedAt)
    {
        if (endedAt < StartedAt)
            throw new DomainException("A play cannot end before it started.");
        EndedAt = endedAt;
    }
}
