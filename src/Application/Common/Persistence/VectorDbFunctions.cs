using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Common.Persistence;

/// <summary>
/// Database functions of the schema usable in LINQ (mapped in SoundscapeDbContext.OnModelCreating); calling them in
/// memory is a mistake. pgvector's own operators come from Pgvector.EntityFrameworkCore: <c>a.CosineDistance(b)</c> is
/// <c>a &lt;=&gt; b</c>, which an HNSW index with vector_cosine_ops serves in ORDER BY.
/// </summary>
public static class VectorDbFunctions
{
    /// <summary>The database's <c>vector_has_direction(v)</c>: <see cref="TasteVector.HasDirection"/>, so <c>&lt;=&gt;</c> on it is a number.</summary>
    public static bool HasDirection(TasteVector v) =>
        throw new InvalidOperationException($"{nameof(HasDirection)} runs only inside a database query.");
}
