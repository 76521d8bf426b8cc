using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Recommendation;

/// <param name="Vector">Unit length, or zero when <paramref name="Fallback"/> is <see cref="CollectiveFallback.Explore"/>.</param>
/// <param name="ListenerCount">Everyone in the room, including listeners without a signal yet.</param>
public sealed record CollectiveVector(TasteVector Vector, CollectiveFallback Fallback, int ListenerCount);
