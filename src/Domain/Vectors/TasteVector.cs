namespace Soundscape.Domain.Vectors;

// Temporary minimal shape; replaced by the domain-core branch.
public sealed class TasteVector : IEquatable<TasteVector>
{
    public const int Dimensions = 5;
    private readonly double[] _values;
    private TasteVector(double[] values) => _values = values;
    public static TasteVector Zero { get; } = new(new double[Dimensions]);
    public double Rain => _values[0];
    public double Wind => _values[1];
    public double Fire => _values[2];
    public double Thunder => _values[3];
    public double Waves => _values[4];
    public bool IsZero => _values.All(v => v == 0);
    public static TasteVector Create(double rain, double wind, double fire, double thunder, double waves) => new([rain, wind, fire, thunder, waves]);
    public static TasteVector FromValues(IReadOnlyList<double> values) => new(values.ToArray());
    public static TasteVector FromValues(IReadOnlyList<float> values) => new(values.Select(v => (double)v).ToArray());
    public double[] ToArray() => (double[])_values.Clone();
    public float[] ToSingleArray() => _values.Select(v => (float)v).ToArray();
    public bool Equals(TasteVector? other) => other is not null && _values.SequenceEqual(other._values);
    public override bool Equals(object? obj) => Equals(obj as TasteVector);
    public override int GetHashCode() => HashCode.Combine(_values[0], _values[1], _values[2], _values[3], _values[4]);
}
