using Soundscape.Domain.Common;

namespace Soundscape.Domain.Listeners;

public enum VoteKind
{
    Rating,
    Reaction,
}

/// <summary>
/// One vote. Kind tells a rating of 1 from a dislike, which the seed's single value could not.
/// </summary>
public sealed class Vote : Entity
{
    private Vote(Guid id, Guid userId, Guid soundId, Guid? playerId, VoteKind kind, int value, DateTimeOffset createdAt)
        : base(id, createdAt)
    {
        UserId = userId;
        SoundId = soundId;
        PlayerId = playerId;
        Kind = kind;
        Value = value;
    }

    public Guid UserId { get; private set; }
    public Guid SoundId { get; private set; }
    public Guid? PlayerId { get; private set; }
    public VoteKind Kind { get; private set; }
    public int Value { get; private set; }

    public static Vote Rating(Guid userId, Guid soundId, Guid? playerId, int rating, DateTimeOffset now)
    {
        if (rating is < 1 or > 5)
            throw new DomainValidationException("rating", "rating must be between 1 and 5.");
        return new Vote(NewId(), userId, soundId, playerId, VoteKind.Rating, rating, now);
    }

    /// <summary>A reaction: +1 like, −1 dislike.</summary>
    public static Vote Reaction(Guid userId, Guid soundId, Guid? playerId, int value, DateTimeOffset now)
    {
        if (value is not (1 or -1))
            throw new DomainValidationException("reaction", "reaction must be like (+1) or dislike (−1).");
        return new Vote(NewId(), userId, soundId, playerId, VoteKind.Reaction, value, now);
    }
}
