using FsCheck;
using FsCheck.Fluent;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Support;

/// <summary>Generators for property tests, reaching far beyond the [0, 1] range real embeddings use.</summary>
internal static class TasteGen
{
    /// <summary>Enough cases to find edge cases, few enough to keep the suite quick on two cores.</summary>
    public static Config Config { get; } = Config.QuickThrowOnFailure.WithMaxTest(500);

    /// <summary>Finite components: ordinary values, exact zeros, and extreme magnitudes that would overflow a naive length.</summary>
    public static Gen<double> Component { get; } = Gen.OneOf(
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1_000_000.0),
        Gen.Constant(0.0),
        from mantissa in Gen.Choose(-1000, 1000)
        from exponent in Gen.Choose(-300, 300)
        select mantissa * Math.Pow(10, exponent),
        ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite));

    public static Gen<double> NonFinite { get; } = Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity);

    public static Gen<double[]> Components(int count) =>
        Gen.ArrayOf(Component, count);

    public static Gen<TasteVector> Vector { get; } = Components(TasteVector.Dimensions).Select(TasteVector.FromValues);

    public static Gen<TasteVector> NonZeroVector { get; } = Vector.Where(v => !v.IsZero);

    public static Gen<TasteVector> UnitVector { get; } = NonZeroVector.Select(v => v.Normalize());

    /// <summary>Velocities of the size the learning rule produces (|v′| stays well below 1).</summary>
    public static Gen<TasteVector> SmallVelocity { get; } =
        Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 2_000_000.0), TasteVector.Dimensions)
            .Select(TasteVector.FromValues);

    public static Gen<VoteTarget> Target { get; } =
        Gen.Choose(-1000, 1000).Select(i => VoteTarget.FromValue(i / 1000.0));

    public static Gen<VoteTarget> NonNeutralTarget { get; } = Target.Where(t => t.Value != 0);
}
