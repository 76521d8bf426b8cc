namespace Soundscape.Audio.Analysis;

/// <summary>The embedding of a sound together with the measurements it was derived from, for logging and explaining.</summary>
public sealed record EmbeddingAnalysis(SoundEmbedding Embedding, AcousticFeatures Features);
