namespace Soundscape.Domain.Recommendation;

/// <summary>A candidate's explanation as stored with its queue item: Score = Similarity − Penalty.</summary>
public sealed record ScoredCandidate(double Similarity, double Penalty, double Score);
