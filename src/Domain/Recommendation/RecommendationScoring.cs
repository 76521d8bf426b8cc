using System.Globalization;
using Soundscape.Domain.Common;

namespace Soundscape.Domain.Recommendation;

/// <summary>recommend_with_penalty (DESIGN §4.4): similarity minus a decaying penalty for recent plays.</summary>
public static class RecommendationScoring
{
    /// <summary>λ · Σ exp(−Δ/τ) over the plays with 0 ≤ Δ = now − started &lt; W.</summary>
    /// <remarks>
    /// Plays "in the future" (clock skew between instances, or a pre-scheduled start) are ignored rather
    /// than allowed to produce a penalty above λ.
    /// </remarks>
    public static double Penalty(IEnumerable<DateTimeOffset> playsStartedAt, DateTimeOffset now, PenaltySettings settings)
    {
        ArgumentNullException.ThrowIfNull(playsStartedAt);
        ArgumentNullException.ThrowIfNull(settings);

        var sum = 0.0;
        foreach (var startedAt in playsStartedAt)
        {
            var age = now - startedAt;
            if (age < TimeSpan.Zero || age >= settings.Window)
            {
                continue;
            }

            sum += Math.Exp(-(age / settings.Tau));
        }

        return settings.Lambda * sum;
    }

    public static ScoredCandidate Score(
        double similarity,
        IEnumerable<DateTimeOffset> playsStartedAt,
        DateTimeOffset now,
        PenaltySettings settings)
    {
        if (!double.IsFinite(similarity))
        {
            throw new DomainValidationException(
                "similarity",
                $"Similarity must be a finite number, got {similarity.ToString(CultureInfo.InvariantCulture)}.");
        }

        var penalty = Penalty(playsStartedAt, now, settings);
        return new ScoredCandidate(similarity, penalty, similarity - penalty);
    }
}
