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

    /// <summary>The client's id for one intended vote: a repeat with the same id is the same vote (double-tap rule).</summary>
    public Guid? ClientVoteId { get; private set; }

    /// <summary>What the vote did, kept so a repeat of it can be answered the same (null on votes older than that).</summary>
    public bool? Learned { get; private set; }
    public double? SimilarityBefore { get; private set; }
    public double? SimilarityAfter { get; private set; }
    public Vectors.TasteVector? TasteAfter { get; private set; }

    /// <summary>Ties the vote to the client's id for it; an empty id is refused.</summary>
    public void IdentifyAs(Guid clientVoteId) =>
        ClientVoteId = clientVoteId != Guid.Empty ? clientVoteId : throw new DomainValidationException("clientVoteId", "clientVoteId must not be empty.");

    /// <summary>Records what the vote did to the voter's taste.</summary>
    public void RecordOutcome(Vectors.LearningResult outcome)
    {
        Learned = outcome.Learned;
        SimilarityBefore = outcome.SimilarityBefore;
        SimilarityAfter = outcome.SimilarityAfter;
        TasteAfter = outcome.Preference;
    }

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
