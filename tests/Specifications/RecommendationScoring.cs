using System.Globalization;
using Soundscape.Domain.Common;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Specifications;

/// <summary>
/// The named specification of recommend_with_penalty (DESIGN §4.4): similarity minus a decaying penalty for recent
/// plays. Production scores in PostgreSQL (public.recommend_with_penalty / recommend_for_players); this C# statement
/// of the formula lives with the tests, which check the golden values against it (Domain.UnitTests) and the SQL against
/// it (Application.IntegrationTests, EngineTests). Linked into both test projects, shipped in neither product.
/// </summary>
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

/// <summary>A candidate's explanation as stored with its queue item: Score = Similarity − Penalty.</summary>
public sealed record ScoredCandidate(double Similarity, double Penalty, double Score);
