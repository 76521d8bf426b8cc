using Microsoft.EntityFrameworkCore;
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
    /// query that ranks sounds by similarity, and by the test that checks the plan.
    /// </summary>
    public static IQueryable<SoundDistance> To(IQueryable<Sound> sounds, TasteVector taste, int limit) =>
        sounds.AsNoTracking()
            .Where(s => s.Embedding != null)
            .OrderBy(s => EF.Functions.CosineDistance(s.Embedding!, taste))
            .Take(limit)
            .Select(s => new SoundDistance(s, EF.Functions.CosineDistance(s.Embedding!, taste)));
}
