using Soundscape.Domain.Common;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Domain.Players;

/// <summary>Why the engine queued an item: kept beside it so a manager can see the reasoning.</summary>
/// <remarks>Every number is finite: a NaN written here was stored as the JSON string "NaN" and broke every read of the queue.</remarks>
public sealed record QueueExplanation
{
    /// <exception cref="DomainValidationException">When a number is not finite, or <paramref name="listeners"/> is negative.</exception>
    public QueueExplanation(double similarity, double penalty, double score, int listeners, CollectiveFallback fallback)
    {
        Similarity = similarity;
        Penalty = penalty;
        Score = score;
        Listeners = listeners;
        Fallback = fallback;
    }

    // The checks sit in the accessors so that a "with" copy is checked too.
    public double Similarity { get; init => field = Guard.Finite(value, "similarity"); }
    public double Penalty { get; init => field = Guard.Finite(value, "penalty"); }
    public double Score { get; init => field = Guard.Finite(value, "score"); }
    public int Listeners { get; init => field = value >= 0 ? value : throw new DomainValidationException("listeners", "listeners must be ≥ 0."); }
    public CollectiveFallback Fallback { get; init => field = Enum.IsDefined(value) ? value : throw new DomainValidationException("fallback", "fallback is not a known source."); }
}

/// <summary>An item waiting in a player's queue; the bridge from recommendation to playback.</summary>
public sealed class QueueItem : Entity
{
    private QueueItem()
    {
    }

    private QueueItem(Guid id, Guid playerId, PlayableRef item, int position, QueueExplanation? explanation, DateTimeOffset addedAt)
        : base(id, addedAt)
    {
        PlayerId = playerId;
        SoundId = item.SoundId;
        MixId = item.MixId;
        Position = position;
        Explanation = explanation;
        AddedAt = addedAt;
    }

    public Guid PlayerId { get; private set; }
    public Guid? SoundId { get; private set; }
    public Guid? MixId { get; private set; }
    public int Position { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    public QueueExplanation? Explanation { get; private set; }

    public static QueueItem Enqueue(Guid playerId, PlayableRef item, int position, QueueExplanation? explanation, DateTimeOffset now)
    {
        if (position < 0)
            throw new DomainValidationException("position", "position must be ≥ 0.");
        return new QueueItem(NewId(), playerId, item, position, explanation, now);
    }

    public PlayableRef Item => PlayableRef.From(SoundId, MixId);

    /// <summary>A re-plan that keeps this item keeps its id (a device may be fetching it) and refreshes the reasons.</summary>
    public void Explain(QueueExplanation explanation) => Explanation = explanation;

    public void MoveTo(int position) => Position = position >= 0 ? position : throw new DomainValidationException("position", "position must be ≥ 0.");
}
