using FsCheck;
using FsCheck.Fluent;
using Soundscape.Domain.Common;
using Soundscape.Domain.UnitTests.Support;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Vectors;

/// <summary>No malformed input may ever become a vector: every later calculation trusts vectors to be finite.</summary>
public class TasteVectorPropertyTests
{
    private static Gen<double[]> WithOneNonFiniteComponent { get; } =
        from values in TasteGen.Components(TasteVector.Dimensions)
        from axis in Gen.Choose(0, TasteVector.Dimensions - 1)
        from bad in TasteGen.NonFinite
        select values.Select((v, i) => i == axis ? bad : v).ToArray();

    private static Gen<double[]> WithWrongDimensionCount { get; } =
        Gen.Choose(0, 12).Where(n => n != TasteVector.Dimensions).SelectMany(TasteGen.Components);

    [Test]
    public void FromValues_WithNaNOrInfinityAnywhere_IsRefused()
    {
        Prop.ForAll(
                WithOneNonFiniteComponent.ToArbitrary(),
                values => RefusedWithField(() => TasteVector.FromValues(values), "vector"))
            .Check(TasteGen.Config);
    }

    [Test]
    public void FromSinglePrecisionValues_WithNaNOrInfinityAnywhere_IsRefused()
    {
        Prop.ForAll(
                WithOneNonFiniteComponent.ToArbitrary(),
                values => RefusedWithField(() => TasteVector.FromValues(values.Select(v => (float)v).ToArray()), "vector"))
            .Check(TasteGen.Config);
    }

    [Test]
    public void Create_WithNaNOrInfinityAnywhere_IsRefusedNamingThatAxis()
    {
        Prop.ForAll(
                WithOneNonFiniteComponent.ToArbitrary(),
                values =>
                {
                    var axis = Array.FindIndex(values, v => !double.IsFinite(v));
                    return RefusedWithField(
                        () => TasteVector.Create(values[0], values[1], values[2], values[3], values[4]),
                        TasteVector.AxisNames[axis]);
                })
            .Check(TasteGen.Config);
    }

    [Test]
    public void FromValues_WithAnyOtherNumberOfComponentsThanFive_IsRefused()
    {
        Prop.ForAll(
                WithWrongDimensionCount.ToArbitrary(),
                values => RefusedWithField(() => TasteVector.FromValues(values), "vector")
                    && RefusedWithField(() => TasteVector.FromValues(values.Select(v => (float)v).ToArray()), "vector"))
            .Check(TasteGen.Config);
    }

    [Test]
    public void FromValues_WithFiveFiniteComponents_RoundTripsThroughToArray()
    {
        Prop.ForAll(
                TasteGen.Components(TasteVector.Dimensions).ToArbitrary(),
                values => TasteVector.FromValues(values).ToArray().SequenceEqual(values.Select(v => v + 0.0)))
            .Check(TasteGen.Config);
    }

    [Test]
    public void Normalize_OfAnyNonZeroVector_HasUnitLength()
    {
        Prop.ForAll(
                TasteGen.NonZeroVector.ToArbitrary(),
                v => Math.Abs(v.Normalize().Length - 1) < 1e-12)
            .Check(TasteGen.Config);
    }

    [Test]
    public void CosineSimilarity_IsSymmetricAndWithinMinusOneToOne()
    {
        Prop.ForAll(
                TasteGen.Vector.ToArbitrary(),
                TasteGen.Vector.ToArbitrary(),
                (a, b) => a.CosineSimilarity(b) == b.CosineSimilarity(a) && Math.Abs(a.CosineSimilarity(b)) <= 1)
            .Check(TasteGen.Config);
    }

    private static bool RefusedWithField(Func<TasteVector> create, string expectedField)
    {
        try
        {
            create();
            return false;
        }
        catch (DomainValidationException error)
        {
            return error.Field == expectedField;
        }
    }
}
