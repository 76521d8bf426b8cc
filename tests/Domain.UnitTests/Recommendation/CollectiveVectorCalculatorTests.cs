using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Recommendation;

public class CollectiveVectorCalculatorTests
{
    private static readonly TasteVector Rain = TasteVector.Create(1, 0, 0, 0, 0);
    private static readonly TasteVector Wind = TasteVector.Create(0, 1, 0, 0, 0);
    private static readonly TasteVector Fire = TasteVector.Create(0, 0, 1, 0, 0);
    private static readonly TasteVector Waves = TasteVector.Create(0, 0, 0, 0, 1);

    [Test]
    public void Compute_WhenTheRoomHasSignal_UsesTheNormalizedMeanOfTheRoom()
    {
        var result = CollectiveVectorCalculator.Compute([Rain, Wind], [Fire], Waves);

        result.Fallback.ShouldBe(CollectiveFallback.Room);
        result.Vector.ToArray().ShouldBe([Math.Sqrt(0.5), Math.Sqrt(0.5), 0, 0, 0], 1e-15);
        result.ListenerCount.ShouldBe(2);
    }

    [Test]
    public void Compute_GivesEveryUnitListenerTheSameWeight()
    {
        var rainLover = TasteVector.Create(0.6, 0.8, 0, 0, 0);
        var fireLover = TasteVector.Create(0, 0, 0.28, 0.96, 0);

        var result = CollectiveVectorCalculator.Compute([rainLover, fireLover], [], null);

        // Equal weight means the result is as close to one listener as to the other.
        result.Vector.CosineSimilarity(rainLover).ShouldBe(result.Vector.CosineSimilarity(fireLover), 1e-15);
        result.Vector.Length.ShouldBe(1, 1e-15);
    }

    [Test]
    public void Compute_CountsThreeListenersThreeTimesAsMuchAsOne()
    {
        var result = CollectiveVectorCalculator.Compute([Rain, Rain, Rain, Wind], [], null);

        result.Vector.ToArray().ShouldBe(TasteVector.Create(3, 1, 0, 0, 0).Normalize().ToArray(), 1e-15);
    }

    [Test]
    public void Compute_IgnoresZeroVectorsInTheRoomButCountsThoseListeners()
    {
        var result = CollectiveVectorCalculator.Compute([Rain, TasteVector.Zero, TasteVector.Zero], [Wind], null);

        result.Fallback.ShouldBe(CollectiveFallback.Room);
        result.Vector.ShouldBe(Rain);
        result.ListenerCount.ShouldBe(3);
    }

    [Test]
    public void Compute_WhenNobodyInTheRoomHasSignal_UsesAllActiveListeners()
    {
        var result = CollectiveVectorCalculator.Compute([TasteVector.Zero], [Fire, TasteVector.Zero, Waves], Rain);

        result.Fallback.ShouldBe(CollectiveFallback.AllActiveListeners);
        result.Vector.ToArray().ShouldBe([0, 0, Math.Sqrt(0.5), 0, Math.Sqrt(0.5)], 1e-15);
        result.ListenerCount.ShouldBe(1);
    }

    [Test]
    public void Compute_WhenTheRoomIsEmpty_UsesAllActiveListeners()
    {
        var result = CollectiveVectorCalculator.Compute([], [Fire], null);

        result.Fallback.ShouldBe(CollectiveFallback.AllActiveListeners);
        result.Vector.ShouldBe(Fire);
        result.ListenerCount.ShouldBe(0);
    }

    [Test]
    public void Compute_WhenNoActiveListenerHasSignal_UsesThePlayerDefaultNormalized()
    {
        var result = CollectiveVectorCalculator.Compute([TasteVector.Zero], [TasteVector.Zero], TasteVector.Create(0, 3, 0, 4, 0));

        result.Fallback.ShouldBe(CollectiveFallback.PlayerDefault);
        result.Vector.ToArray().ShouldBe([0, 0.6, 0, 0.8, 0], 1e-15);
        result.ListenerCount.ShouldBe(1);
    }

    [Test]
    public void Compute_WithNoSignalAnywhereAndNoDefault_Explores()
    {
        var result = CollectiveVectorCalculator.Compute([], [], null);

        result.ShouldBe(new CollectiveVector(TasteVector.Zero, CollectiveFallback.Explore, 0));
    }

    [Test]
    public void Compute_WithAZeroPlayerDefault_Explores()
    {
        var result = CollectiveVectorCalculator.Compute([TasteVector.Zero, TasteVector.Zero], [TasteVector.Zero], TasteVector.Zero);

        result.Fallback.ShouldBe(CollectiveFallback.Explore);
        result.Vector.IsZero.ShouldBeTrue();
        result.ListenerCount.ShouldBe(2);
    }

    [Test]
    public void Compute_WhenTheRoomsTastesCancelExactly_FallsThroughToTheNextSource()
    {
        // Two opposite tastes give no direction to play towards, which is the same as no signal.
        var result = CollectiveVectorCalculator.Compute([Rain, Rain.Scale(-1)], [Fire], null);

        result.Fallback.ShouldBe(CollectiveFallback.AllActiveListeners);
        result.Vector.ShouldBe(Fire);
    }
}
