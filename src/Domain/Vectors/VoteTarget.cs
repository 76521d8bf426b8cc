using System.Globalization;
using Soundscape.Domain.Common;

namespace Soundscape.Domain.Vectors;

/// <summary>
/// The cosine a vote asks the preference to move towards: +1 "exactly this", −1 "the opposite", 0 "unrelated".
/// </summary>
public readonly record struct VoteTarget
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    private VoteTarget(double value) => Value = value;

    public double Value { get; }

    /// <summary>True for a target of 0, which leaves a cold-start (zero) preference alone.</summary>
    public bool IsNeutral => Value == 0;

    public static VoteTarget FromRating(int rating)
    {
        if (rating is < MinRating or > MaxRating)
        {
            throw new DomainValidationException(
                "rating",
                $"A rating is an integer from {MinRating} to {MaxRating}, got {rating.ToString(CultureInfo.InvariantCulture)}.");
        }

        // Centre on the middle rating so 3 is neutral, then spread 1..5 over -1..+1.
        return new VoteTarget((rating - 3) / 2.0);
    }

    public static VoteTarget FromReaction(Reaction reaction) => reaction switch
    {
        Reaction.Like => new VoteTarget(1),
        Reaction.Dislike => new VoteTarget(-1),
        _ => throw new DomainValidationException("reaction", $"Unknown reaction {(int)reaction}."),
    };

    public static VoteTarget FromValue(double value)
    {
        if (!double.IsFinite(value) || value < -1 || value > 1)
        {
            throw new DomainValidationException(
                "target",
                $"A vote target is a cosine in [-1, 1], got {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return new VoteTarget(value + 0.0);
    }

    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture);
}
