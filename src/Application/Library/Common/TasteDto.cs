using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Library.Common;

/// <summary>A five-axis vector as clients see it: named axes, never a bare array.</summary>
public sealed record TasteDto(double Rain, double Wind, double Fire, double Thunder, double Waves)
{
    public static TasteDto From(TasteVector vector) => new(vector.Rain, vector.Wind, vector.Fire, vector.Thunder, vector.Waves);

    public TasteVector ToVector() => TasteVector.Create(Rain, Wind, Fire, Thunder, Waves);
}
