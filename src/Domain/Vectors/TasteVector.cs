using System.Globalization;
using Soundscape.Domain.Common;

namespace Soundscape.Domain.Vectors;

/// <summary>
/// A point in the five-axis taste space (rain, wind, fire, thunder, waves).
/// Used both for a listener's preference (zero or unit length) and for a sound's embedding.
/// Every component is finite: non-finite values are refused at the door so they can never spread.
/// </summary>
public sealed class TasteVector : IEquatable<TasteVector>
{
    public const int Dimensions = 5;

    public static readonly string[] AxisNames = ["rain", "wind", "fire", "thunder", "waves"];

    public static TasteVector Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>
    /// The shortest length of a vector that still has a direction to rank by. pgvector's cosine (<c>&lt;=&gt;</c>) sums
    /// the squares in float32: below about 1e-19 they vanish (a zero vector gives NaN, a tiny one a wrong cosine).
    /// The database's <c>vector_has_direction</c> uses the same bounds.
    /// </summary>
    public const double MinDirectionLength = 1e-18;

    /// <summary>The longest such length: above about 1e19 pgvector's float32 squares overflow.</summary>
    public const double MaxDirectionLength = 1e18;

    private TasteVector(double rain, double wind, double fire, double thunder, double waves)
    {
        // Adding +0.0 turns -0.0 into +0.0, so equal vectors always share one representation and hash.
        Rain = rain + 0.0;
        Wind = wind + 0.0;
        Fire = fire + 0.0;
        Thunder = thunder + 0.0;
        Waves = waves + 0.0;
    }

    public double Rain { get; }

    public double Wind { get; }

    public double Fire { get; }

    public double Thunder { get; }

    public double Waves { get; }

    public static TasteVector Create(double rain, double wind, double fire, double thunder, double waves)
    {
        RequireFinite(rain, AxisNames[0]);
        RequireFinite(wind, AxisNames[1]);
        RequireFinite(fire, AxisNames[2]);
        RequireFinite(thunder, AxisNames[3]);
        RequireFinite(waves, AxisNames[4]);
        return new TasteVector(rain, wind, fire, thunder, waves);
    }

    public static TasteVector FromValues(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        RequireDimensions(values.Count);
        for (var i = 0; i < Dimensions; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new DomainValidationException(
                    "vector",
                    $"Component {i} ({AxisNames[i]}) must be a finite number, got {values[i].ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        return new TasteVector(values[0], values[1], values[2], values[3], values[4]);
    }

    public static TasteVector FromValues(IReadOnlyList<float> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        RequireDimensions(values.Count);
        var widened = new double[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            widened[i] = values[i];
        }

        return FromValues(widened);
    }

    public double this[int axis] => axis switch
    {
        0 => Rain,
        1 => Wind,
        2 => Fire,
        3 => Thunder,
        4 => Waves,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis must be in [0, {Dimensions - 1}]."),
    };

    public bool IsZero => Rain == 0 && Wind == 0 && Fire == 0 && Thunder == 0 && Waves == 0;

    /// <summary>
    /// True when the vector can be compared by cosine, here and in the database: its <see cref="Length"/> is within
    /// [<see cref="MinDirectionLength"/>, <see cref="MaxDirectionLength"/>]. Zero has no direction; nor has 1e-30 on one axis.
    /// </summary>
    public bool HasDirection => Length is >= MinDirectionLength and <= MaxDirectionLength;

    /// <summary>Euclidean length; scaled internally so very large or very small components neither overflow nor underflow.</summary>
    public double Length
    {
        get
        {
            var largest = LargestMagnitude();
            return largest == 0 ? 0 : largest * Math.Sqrt(SumOfSquaresScaledBy(largest));
        }
    }

    public double[] ToArray() => [Rain, Wind, Fire, Thunder, Waves];

    public float[] ToSingleArray() => [(float)Rain, (float)Wind, (float)Fire, (float)Thunder, (float)Waves];

    /// <summary>Unit vector in the same direction; zero stays zero because zero means "no signal yet".</summary>
    public TasteVector Normalize()
    {
        var largest = LargestMagnitude();
        if (largest == 0)
        {
            return Zero;
        }

        // Dividing by the largest component first keeps the squares in range for any finite input
        // (1e200 would overflow, 1e-200 would underflow to a zero length).
        var norm = Math.Sqrt(SumOfSquaresScaledBy(largest));
        return new TasteVector(
            Rain / largest / norm,
            Wind / largest / norm,
            Fire / largest / norm,
            Thunder / largest / norm,
            Waves / largest / norm);
    }

    public double Dot(TasteVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (Rain * other.Rain) + (Wind * other.Wind) + (Fire * other.Fire) + (Thunder * other.Thunder) + (Waves * other.Waves);
    }

    /// <summary>Cosine of the angle between the vectors; 0 when either is zero, since no direction means no similarity.</summary>
    public double CosineSimilarity(TasteVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsZero || other.IsZero)
        {
            return 0;
        }

        // Rounding can push the dot of two unit vectors a hair outside [-1, 1].
        return Math.Clamp(Normalize().Dot(other.Normalize()), -1.0, 1.0);
    }

    public TasteVector Add(TasteVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Create(Rain + other.Rain, Wind + other.Wind, Fire + other.Fire, Thunder + other.Thunder, Waves + other.Waves);
    }

    public TasteVector Subtract(TasteVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Create(Rain - other.Rain, Wind - other.Wind, Fire - other.Fire, Thunder - other.Thunder, Waves - other.Waves);
    }

    /// <remarks>Goes through <see cref="Create"/> so an overflow to infinity is refused rather than stored.</remarks>
    public TasteVector Scale(double factor)
    {
        RequireFinite(factor, "factor");
        return Create(Rain * factor, Wind * factor, Fire * factor, Thunder * factor, Waves * factor);
    }

    /// <summary>True when no component differs by more than <paramref name="tolerance"/>.</summary>
    public bool ApproximatelyEquals(TasteVector other, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (double.IsNaN(tolerance) || tolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "Tolerance must be a non-negative number.");
        }

        for (var i = 0; i < Dimensions; i++)
        {
            if (Math.Abs(this[i] - other[i]) > tolerance)
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(TasteVector? other) =>
        other is not null
        && Rain.Equals(other.Rain)
        && Wind.Equals(other.Wind)
        && Fire.Equals(other.Fire)
        && Thunder.Equals(other.Thunder)
        && Waves.Equals(other.Waves);

    public override bool Equals(object? obj) => Equals(obj as TasteVector);

    public override int GetHashCode() => HashCode.Combine(Rain, Wind, Fire, Thunder, Waves);

    public static bool operator ==(TasteVector? left, TasteVector? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(TasteVector? left, TasteVector? right) => !(left == right);

    public override string ToString() =>
        "[" + string.Join(", ", ToArray().Select(x => x.ToString("F6", CultureInfo.InvariantCulture))) + "]";

    private static void RequireFinite(double value, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new DomainValidationException(
                field,
                $"{field} must be a finite number, got {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void RequireDimensions(int count)
    {
        if (count != Dimensions)
        {
            throw new DomainValidationException("vector", $"A taste vector has {Dimensions} components, got {count}.");
        }
    }

    private double LargestMagnitude() =>
        Math.Max(Math.Max(Math.Max(Math.Abs(Rain), Math.Abs(Wind)), Math.Max(Math.Abs(Fire), Math.Abs(Thunder))), Math.Abs(Waves));

    private double SumOfSquaresScaledBy(double largest)
    {
        var sum = 0.0;
        for (var i = 0; i < Dimensions; i++)
        {
            var scaled = this[i] / largest;
            sum += scaled * scaled;
        }

        return sum;
    }
}
