using System.Globalization;
using Soundscape.Domain.Common;

namespace Soundscape.Domain.Vectors;

/// <summary>
/// Moves a unit preference vector so its cosine with a voted sound's embedding approaches the vote's target:
/// gradient descent on ½(cos − t)² restricted to the unit sphere, with momentum (DESIGN §4.2).
/// </summary>
public sealed class TasteLearning
{
    public const double DefaultLearningRate = 0.12;
    public const double DefaultMomentum = 0.7;

    public TasteLearning(double learningRate, double momentum)
    {
        if (!double.IsFinite(learningRate) || learningRate <= 0)
        {
            throw new DomainValidationException(
                "learningRate",
                $"The learning rate must be a positive number, got {learningRate.ToString(CultureInfo.InvariantCulture)}.");
        }

        // momentum >= 1 would let the velocity grow without bound.
        if (!double.IsFinite(momentum) || momentum < 0 || momentum >= 1)
        {
            throw new DomainValidationException(
                "momentum",
                $"The momentum must be in [0, 1), got {momentum.ToString(CultureInfo.InvariantCulture)}.");
        }

        LearningRate = learningRate;
        Momentum = momentum;
    }

    public static TasteLearning Default { get; } = new(DefaultLearningRate, DefaultMomentum);

    public double LearningRate { get; }

    public double Momentum { get; }

    public LearningResult Apply(TasteVector preference, TasteVector velocity, TasteVector? embedding, VoteTarget target)
    {
        ArgumentNullException.ThrowIfNull(preference);
        ArgumentNullException.ThrowIfNull(velocity);

        var similarityBefore = embedding is null ? 0 : preference.CosineSimilarity(embedding);

        // A sound without a direction says nothing about taste; the vote is kept elsewhere but the model stays put.
        if (embedding is null || embedding.IsZero)
        {
            return Unchanged(preference, velocity, similarityBefore);
        }

        var direction = embedding.Normalize();

        if (preference.IsZero)
        {
            // With no preference there is no sphere point to take a gradient at, so the first signed vote
            // places the preference on (or opposite) the sound; a neutral one has nothing to say.
            if (target.IsNeutral)
            {
                return Unchanged(preference, velocity, similarityBefore);
            }

            var placed = direction.Scale(target.Value).Normalize();
            return new LearningResult(placed, TasteVector.Zero, true, similarityBefore, placed.CosineSimilarity(embedding));
        }

        // Re-normalising guards against drift in stored vectors (float4 round trips); for a unit p it is a no-op.
        var p = preference.Normalize();
        var s = Math.Clamp(p.Dot(direction), -1.0, 1.0);

        // The part of ê orthogonal to p is the tangent direction in which cos(p, e) grows fastest.
        var gradient = direction.Subtract(p.Scale(s)).Scale(s - target.Value);
        var newVelocity = velocity.Scale(Momentum).Subtract(gradient.Scale(LearningRate));
        var newPreference = p.Add(newVelocity).Normalize();

        return new LearningResult(newPreference, newVelocity, true, similarityBefore, newPreference.CosineSimilarity(embedding));
    }

    private static LearningResult Unchanged(TasteVector preference, TasteVector velocity, double similarity) =>
        new(preference, velocity, false, similarity, similarity);
}
