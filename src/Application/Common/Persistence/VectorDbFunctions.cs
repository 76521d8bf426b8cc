using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Common.Persistence;

/// <summary>
/// pgvector operators usable in LINQ. Translated to SQL by Infrastructure's
/// <c>VectorMethodCallTranslator</c>; calling them in memory is a mistake.
/// </summary>
public static class VectorDbFunctions
{
    /// <summary>pgvector's <c>a &lt;=&gt; b</c>: 1 − cosine similarity. An HNSW index with vector_cosine_ops serves ORDER BY on it.</summary>
    public static double CosineDistance(this DbFunctions _, TasteVector a, TasteVector b) =>
        throw new InvalidOperationException($"{nameof(CosineDistance)} runs only inside a database query.");

    /// <summary>The database's <c>vector_has_direction(v)</c>: <see cref="TasteVector.HasDirection"/>, so <c>&lt;=&gt;</c> on it is a number.</summary>
    public static bool HasDirection(this DbFunctions _, TasteVector v) =>
        throw new InvalidOperationException($"{nameof(HasDirection)} runs only inside a database query.");
}
