using Microsoft.EntityFrameworkCore;
using Pgvector.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Library;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Library.Common;

/// <summary>A sound with its pgvector cosine distance (1 − cosine similarity) to a taste.</summary>
internal sealed record SoundDistance(Sound Sound, double Distance);

internal static class NearestSounds
{
    /// <summary>
    /// ORDER BY embedding &lt;=&gt; taste LIMIT n: the one shape the HNSW index (vector_cosine_ops) serves. Shared by every
    /// query that ranks sounds by similarity, and by the test that checks the plan. The taste is compared as its unit
    /// direction (computed in double: a float32 copy of 1e-40 on one axis has no length pgvector can use), and only
    /// sounds whose embedding has a direction are ranked, so every distance is a number. A taste without a direction
    /// (zero) ranks nothing: the query is empty.
    /// </summary>
    public static IQueryable<SoundDistance> To(IQueryable<Sound> sounds, TasteVector taste, int limit)
    {
        var direction = taste.Normalize();
        if (direction.IsZero)
            return sounds.Where(_ => false).Select(s => new SoundDistance(s, 0));
        return sounds.AsNoTracking()
            .Where(s => s.Embedding != null && VectorDbFunctions.HasDirection(s.Embedding))
            .OrderBy(s => s.Embedding!.CosineDistance(direction))
            .Take(limit)
            .Select(s => new SoundDistance(s, s.Embedding!.CosineDistance(direction)));
    }
}
