using Soundscape.Domain.Common;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Vectors;

public class TasteVectorTests
{
    [Test]
    public void CosineSimilarity_OfTheVisualMapExample_Is0964211NotThe092ItClaims()
    {
        var a = TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8);
        var b = TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7);

        a.CosineSimilarity(b).ShouldBe(0.964211, 1e-6);
        b.CosineSimilarity(a).ShouldBe(0.964211, 1e-6);
    }

    [Test]
    public void CosineSimilarity_WhenEitherVectorIsZero_IsZero()
    {
        var a = TasteVector.Create(1, 2, 3, 4, 5);

        a.CosineSimilarity(TasteVector.Zero).ShouldBe(0);
        TasteVector.Zero.CosineSimilarity(a).ShouldBe(0);
        TasteVector.Zero.CosineSimilarity(TasteVector.Zero).ShouldBe(0);
    }

    [Test]
    public void CosineSimilarity_DoesNotDependOnLength()
    {
        var a = TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8);
        var b = TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7);

        a.Scale(1e-200).CosineSimilarity(b.Scale(1e200)).ShouldBe(a.CosineSimilarity(b), 1e-12);
    }

    [Test]
    public void Create_KeepsTheAxesInTheDesignOrder()
    {
        var v = TasteVector.Create(1, 2, 3, 4, 5);

        (v.Rain, v.Wind, v.Fire, v.Thunder, v.Waves).ShouldBe((1, 2, 3, 4, 5));
        v.ToArray().ShouldBe([1, 2, 3, 4, 5]);
        Enumerable.Range(0, TasteVector.Dimensions).Select(i => v[i]).ShouldBe([1, 2, 3, 4, 5]);
        TasteVector.AxisNames.ShouldBe(["rain", "wind", "fire", "thunder", "waves"]);
    }

    [TestCase(0, "rain")]
    [TestCase(1, "wind")]
    [TestCase(2, "fire")]
    [TestCase(3, "thunder")]
    [TestCase(4, "waves")]
    public void Create_WhenAComponentIsNaN_NamesTheAxisInTheError(int axis, string expectedField)
    {
        var values = new double[TasteVector.Dimensions];
        values[axis] = double.NaN;

        var error = Should.Throw<DomainValidationException>(
            () => TasteVector.Create(values[0], values[1], values[2], values[3], values[4]));

        error.Field.ShouldBe(expectedField);
    }

    [TestCase(-1)]
    [TestCase(5)]
    public void Indexer_OutsideTheFiveAxes_Throws(int axis)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => TasteVector.Zero[axis]);
    }

    [Test]
    public void FromValues_OfSinglePrecisionStorage_WidensEachComponent()
    {
        var v = TasteVector.FromValues(new[] { 0.5f, -0.25f, 0f, 1f, 0.125f });

        v.ShouldBe(TasteVector.Create(0.5, -0.25, 0, 1, 0.125));
        v.ToSingleArray().ShouldBe([0.5f, -0.25f, 0f, 1f, 0.125f]);
    }

    [Test]
    public void FromValues_OfSinglePrecisionStorage_RefusesNaN()
    {
        var error = Should.Throw<DomainValidationException>(
            () => TasteVector.FromValues(new[] { 0f, float.NaN, 0f, 0f, 0f }));

        error.Field.ShouldBe("vector");
    }

    [Test]
    public void Normalize_GivesUnitLengthInTheSameDirection()
    {
        var v = TasteVector.Create(3, 0, 4, 0, 0);

        var unit = v.Normalize();

        unit.ShouldBe(TasteVector.Create(0.6, 0, 0.8, 0, 0));
        unit.Length.ShouldBe(1, 1e-15);
        v.Length.ShouldBe(5);
    }

    [Test]
    public void Normalize_OfZero_StaysZero()
    {
        TasteVector.Zero.Normalize().ShouldBe(TasteVector.Zero);
        TasteVector.Zero.Length.ShouldBe(0);
        TasteVector.Zero.IsZero.ShouldBeTrue();
    }

    [TestCase(1e300)]
    [TestCase(1e-300)]
    [TestCase(double.Epsilon)]
    public void Normalize_OfExtremeMagnitudes_StillGivesUnitLength(double magnitude)
    {
        var v = TasteVector.Create(magnitude, magnitude, 0, magnitude, magnitude);

        v.Normalize().ToArray().ShouldBe([0.5, 0.5, 0, 0.5, 0.5], 1e-15);
    }

    [Test]
    public void Arithmetic_WorksComponentWise()
    {
        var a = TasteVector.Create(1, 2, 3, 4, 5);
        var b = TasteVector.Create(5, 4, 3, 2, 1);

        a.Add(b).ShouldBe(TasteVector.Create(6, 6, 6, 6, 6));
        a.Subtract(b).ShouldBe(TasteVector.Create(-4, -2, 0, 2, 4));
        a.Scale(-2).ShouldBe(TasteVector.Create(-2, -4, -6, -8, -10));
        a.Dot(b).ShouldBe(35);
    }

    [Test]
    public void Arithmetic_ThatWouldOverflow_IsRefusedRatherThanStoringInfinity()
    {
        var huge = TasteVector.Create(double.MaxValue, 0, 0, 0, 0);

        Should.Throw<DomainValidationException>(() => huge.Add(huge)).Field.ShouldBe("rain");
        Should.Throw<DomainValidationException>(() => huge.Scale(2));
        Should.Throw<DomainValidationException>(() => huge.Scale(double.NaN)).Field.ShouldBe("factor");
    }

    [Test]
    public void IsZero_IsFalseForTheTiniestNonZeroComponent()
    {
        TasteVector.Create(0, 0, 0, 0, double.Epsilon).IsZero.ShouldBeFalse();
    }

    [Test]
    public void ApproximatelyEquals_ComparesEachComponentAgainstTheTolerance()
    {
        var a = TasteVector.Create(0.1, 0.2, 0.3, 0.4, 0.5);

        a.ApproximatelyEquals(a.Add(TasteVector.Create(0, 0, 0, 0, 5e-7)), 1e-6).ShouldBeTrue();
        a.ApproximatelyEquals(a.Add(TasteVector.Create(0, 0, 0, 0, 2e-6)), 1e-6).ShouldBeFalse();
        Should.Throw<ArgumentOutOfRangeException>(() => a.ApproximatelyEquals(a, -1));
    }

    [Test]
    public void Equality_HoldsForVectorsWithTheSameComponents()
    {
        var a = TasteVector.Create(0.1, 0.2, 0.3, 0.4, 0.5);
        var b = TasteVector.FromValues([0.1, 0.2, 0.3, 0.4, 0.5]);

        a.ShouldNotBeSameAs(b);
        a.Equals(b).ShouldBeTrue();
        a.Equals((object)b).ShouldBeTrue();
        (a == b).ShouldBeTrue();
        (a != b).ShouldBeFalse();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        new HashSet<TasteVector> { a, b }.Count.ShouldBe(1);
    }

    [Test]
    public void Equality_FailsWhenAnyComponentDiffers()
    {
        var a = TasteVector.Create(0.1, 0.2, 0.3, 0.4, 0.5);

        for (var axis = 0; axis < TasteVector.Dimensions; axis++)
        {
            var values = a.ToArray();
            values[axis] += 1e-12;
            var other = TasteVector.FromValues(values);

            (a == other).ShouldBeFalse();
            a.Equals(other).ShouldBeFalse();
        }
    }

    [Test]
    public void Equality_AgainstNull_IsFalseAndNullEqualsNull()
    {
        var a = TasteVector.Zero;
        TasteVector? none = null;

        a.Equals(null).ShouldBeFalse();
        (a == none).ShouldBeFalse();
        (none == a).ShouldBeFalse();
        (none == null).ShouldBeTrue();
    }

    [Test]
    public void Equality_TreatsNegativeZeroAsZero()
    {
        var negativeZero = TasteVector.Create(-0.0, -0.0, -0.0, -0.0, -0.0);

        negativeZero.ShouldBe(TasteVector.Zero);
        negativeZero.GetHashCode().ShouldBe(TasteVector.Zero.GetHashCode());
        negativeZero.IsZero.ShouldBeTrue();
    }

    [Test]
    public void ToString_UsesSixDecimalsAndTheInvariantCulture()
    {
        var original = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A decimal comma must not leak into logs or explanations. The build runs in invariant-globalization
            // mode, where named cultures do not exist, so a comma culture is made by hand.
            var commaCulture = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            commaCulture.NumberFormat.NumberDecimalSeparator = ",";
            Thread.CurrentThread.CurrentCulture = commaCulture;
            0.5.ToString("F1").ShouldBe("0,5");
            TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8).Normalize().ToString()
                .ShouldBe("[0.698535, 0.077615, 0.310460, 0.155230, 0.620920]");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = original;
        }
    }
}
