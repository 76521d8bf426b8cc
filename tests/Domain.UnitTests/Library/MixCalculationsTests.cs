using Soundscape.Domain.Library;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Library;

public class MixEmbeddingTests
{
    private static LayerSound Layer(double volume, TasteVector? embedding) => new(volume, false, 0, 60, embedding);

    [Test]
    public void Calculate_OneLayer_IsThatLayersEmbedding()
    {
        var e = TasteVector.Create(0.1, 0.2, 0.3, 0.4, 0.5);

        MixEmbedding.Calculate([Layer(0.4, e)])!.ApproximatelyEquals(e, 1e-12).ShouldBeTrue();
    }

    [Test]
    public void Calculate_TwoLayers_IsTheVolumeWeightedMean()
    {
        var rain = TasteVector.Create(1, 0, 0, 0, 0);
        var fire = TasteVector.Create(0, 0, 1, 0, 0);

        var mix = MixEmbedding.Calculate([Layer(0.75, rain), Layer(0.25, fire)])!;

        // (0.75·rain + 0.25·fire) / (0.75 + 0.25)
        mix.ToArray().ShouldBe([0.75, 0, 0.25, 0, 0], 1e-12);
    }

    [Test]
    public void Calculate_WeightsAreNormalisedBySumOfVolumes_NotByLayerCount()
    {
        var a = TasteVector.Create(0.2, 0.4, 0, 0, 0);
        var b = TasteVector.Create(0.8, 0, 0, 0, 0.6);

        var mix = MixEmbedding.Calculate([Layer(0.2, a), Layer(0.6, b)])!;

        mix.ToArray().ShouldBe([(0.2 * 0.2 + 0.6 * 0.8) / 0.8, 0.2 * 0.4 / 0.8, 0, 0, 0.6 * 0.6 / 0.8], 1e-12);
    }

    [Test]
    public void Calculate_SkipsLayersWithoutEmbeddingOrVolume()
    {
        var wind = TasteVector.Create(0, 1, 0, 0, 0);

        var mix = MixEmbedding.Calculate([Layer(1, null), Layer(0, TasteVector.Create(1, 0, 0, 0, 0)), Layer(0.3, wind)])!;

        mix.ToArray().ShouldBe([0, 1, 0, 0, 0], 1e-12);
    }

    [Test]
    public void Calculate_NoEmbeddings_IsNull() => MixEmbedding.Calculate([Layer(1, null), Layer(0.5, null)]).ShouldBeNull();

    [Test]
    public void Calculate_AllVolumesZero_IsNull() =>
        MixEmbedding.Calculate([Layer(0, TasteVector.Create(1, 0, 0, 0, 0))]).ShouldBeNull();

    [Test]
    public void Calculate_NoLayers_IsNull() => MixEmbedding.Calculate([]).ShouldBeNull();
}

public class MixDurationTests
{
    [Test]
    public void Calculate_IsTheLongestNonLoopingLayerWithItsDelay()
    {
        LayerSound[] layers =
        [
            new(1, false, 5, 30, null),   // ends at 35
            new(1, false, 0, 40, null),   // ends at 40
            new(1, true, 0, 300, null),   // loops: plays as long as the mix
        ];

        MixDuration.Calculate(layers).ShouldBe(40);
    }

    [Test]
    public void Calculate_AllLayersLoop_IsTheLongestPassWithItsDelay()
    {
        LayerSound[] layers = [new(1, true, 10, 60, null), new(1, true, 0, 65, null)];

        MixDuration.Calculate(layers).ShouldBe(70);
    }

    [Test]
    public void Calculate_NoLayers_IsZero() => MixDuration.Calculate([]).ShouldBe(0);
}
