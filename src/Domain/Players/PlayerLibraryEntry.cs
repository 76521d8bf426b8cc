using Soundscape.Domain.Common;

namespace Soundscape.Domain.Players;

/// <summary>A sound a player may play. A player without entries may play the whole library.</summary>
public sealed class PlayerLibraryEntry : Entity
{
    private PlayerLibraryEntry(Guid id, Guid playerId, Guid soundId, DateTimeOffset addedAt) : base(id, addedAt)
    {
        PlayerId = playerId;
        SoundId = soundId;
        AddedAt = addedAt;
    }

    public Guid PlayerId { get; private set; }
    public Guid SoundId { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public static PlayerLibraryEntry Allow(Guid playerId, Guid soundId, DateTimeOffset now) => new(NewId(), playerId, soundId, now);
}
