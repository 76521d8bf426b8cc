namespace Soundscape.Domain.Vectors;

/// <summary>
/// Outcome of one vote. <paramref name="Learned"/> is false when the vote could not move the model
/// (no usable embedding, or a neutral first vote); the vectors are then the ones passed in.
/// </summary>
/// <param name="SimilarityBefore">cos(preference, embedding) before the vote; 0 when undefined.</param>
/// <param name="SimilarityAfter">cos(preference, embedding) after the vote; 0 when undefined.</param>
public sealed record LearningResult(
    TasteVector Preference,
    TasteVector Velocity,
    bool Learned,
    double SimilarityBefore,
    double SimilarityAfter);
