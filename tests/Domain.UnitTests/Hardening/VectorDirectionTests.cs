using FsCheck;
using FsCheck.Fluent;
using Soundscape.Domain.Common;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.UnitTests.Support;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Hardening;

/// <summary>Issue 11, items 1 and 8 at the Domain's root: directions, mix directions, explanations, the public room vector.</summary>
public class VectorDirectionTests
{
    private static readonly TasteVector Rain = TasteVector.Create(1, 0, 0, 0, 0);
    private static readonly TasteVector Fire = TasteVector.Create(0, 0, 1, 0, 0);

    [TestCase(0, 0, false)]
    [TestCase(1e-30, 0, false)]
    [TestCase(1e-40, 1e-40, false)]
    [TestCase(1e19, 0, false)]
    [TestCase(float.MaxValue, 0, false)]
    [TestCase(1e-18, 0, true)]
    [TestCase(0.5, 0.2, true)]
    [TestCase(1e18, 0, true)]
    public void HasDirection_IsTrueOnlyForLengthsPgvectorCanCompare(double rain, double wind, bool expected) =>
        TasteVector.Create(rain, wind, 0, 0, 0).HasDirection.ShouldBe(expected);

    [TestCase(1e-30)]
    [TestCase(1e-46)]
    [TestCase(1e-320)]
    [TestCase(double.Epsilon)]
    public void MixEmbedding_OfOneWhisperQuietLayer_IsThatSoundsEmbedding(double volume)
    {
        var mix = MixEmbedding.Calculate([Layer(volume, Rain)]);

        mix.ShouldNotBeNull().ApproximatelyEquals(Rain, 1e-12).ShouldBeTrue();
    }

    [Test]
    public void MixEmbedding_WithAWhisperQuietAndALoudLayer_WeighsThemByVolume()
    {
        var mix = MixEmbedding.Calculate([Layer(1e-30, Fire), Layer(0.5, Rain)])!;

        mix.Rain.ShouldBe(1, 1e-12);
        mix.Fire.ShouldBe(2e-30, 1e-40);
    }

    [Test]
    public void MixEmbedding_WhoseLayersCancelOrHaveNoDirection_IsNone()
    {
        MixEmbedding.Calculate([Layer(1, Rain), Layer(1, Rain.Scale(-1))]).ShouldBeNull();
        MixEmbedding.Calculate([Layer(1, TasteVector.Create(1e-30, 0, 0, 0, 0))]).ShouldBeNull();
        MixEmbedding.Calculate([Layer(0, Rain)]).ShouldBeNull();
    }

    [Test]
    public void MixEmbedding_OfAnyLayers_IsNoneOrHasADirection()
    {
        var volume = Gen.Elements(0, double.Epsilon, 1e-320, 1e-46, 1e-30, 1e-4, 0.5, 1);
        var layers = Gen.ArrayOf(from v in volume from e in TasteGen.Vector select Layer(v, e)).Where(l => l.Length is > 0 and <= Mix.MaxLayers);
        Prop.ForAll(layers.ToArbitrary(), l => MixEmbedding.Calculate(l) is null or { HasDirection: true }).Check(TasteGen.Config);
    }

    [Test]
    public void Sound_RegisteredWithoutADirection_HasNoEmbedding_AndAnOverrideWithoutOneIsRefused()
    {
        var sound = Sound.Register("hush", null, SoundType.Soundscape, "sounds/hush.wav", new string('a', 64), 10,
            TasteVector.Create(1e-30, 0, 0, 0, 0), DateTimeOffset.UnixEpoch);

        sound.Embedding.ShouldBeNull();
        Should.Throw<DomainValidationException>(() => sound.SetEmbedding(TasteVector.Zero, DateTimeOffset.UnixEpoch)).Field.ShouldBe("embedding");
        sound.SetEmbedding(Rain, DateTimeOffset.UnixEpoch);
        sound.Embedding.ShouldBe(Rain);
    }

    [TestCase(double.NaN, 0, "similarity")]
    [TestCase(0, double.PositiveInfinity, "penalty")]
    public void QueueExplanation_WithANumberThatIsNotFinite_IsRefused(double similarity, double penalty, string field) =>
        Should.Throw<DomainValidationException>(() => new QueueExplanation(similarity, penalty, 0, 1, CollectiveFallback.Room)).Field.ShouldBe(field);

    [Test]
    public void QueueExplanation_CopiedWithANaN_IsRefused() =>
        Should.Throw<DomainValidationException>(() => new QueueExplanation(0.5, 0, 0.5, 1, CollectiveFallback.Room) with { Score = double.NaN });

    [TestCase(1, false)]
    [TestCase(2, false)]
    [TestCase(3, true)]
    [TestCase(5, true)]
    public void PublicVector_OfARoom_NeedsThreeListenersTastes(int withTaste, bool shown)
    {
        var room = Enumerable.Range(0, withTaste).Select(i => i % 2 == 0 ? Rain : Fire).Append(TasteVector.Zero).ToList();

        var collective = CollectiveVectorCalculator.Compute(room, [], null);

        collective.Contributors.ShouldBe(withTaste);
        (collective.PublicVector is not null).ShouldBe(shown);
        if (shown)
            collective.PublicVector.ShouldBe(collective.Vector);
    }

    [Test]
    public void PublicVector_OfTheFallbacks_IsEveryoneFromThreeTheDefaultAlwaysAndNeverExplore()
    {
        CollectiveVectorCalculator.Compute([TasteVector.Zero], [Rain, Fire], null).PublicVector.ShouldBeNull();
        CollectiveVectorCalculator.Compute([TasteVector.Zero], [Rain, Fire, Rain], null).PublicVector.ShouldNotBeNull();
        CollectiveVectorCalculator.Compute([Rain], [], Fire).PublicVector.ShouldBeNull("one listener's taste wins over the default, and is theirs");
        CollectiveVectorCalculator.Compute([], [], Fire).PublicVector.ShouldBe(Fire);
        CollectiveVectorCalculator.Compute([], [], null).PublicVector.ShouldBeNull();
    }

    private static LayerSound Layer(double volume, TasteVector embedding) => new(volume, true, 0, 60, embedding);
}
