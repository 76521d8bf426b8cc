using Soundscape.Domain.Common;
using Soundscape.Domain.Library;

namespace Soundscape.Domain.UnitTests.Library;

public class MixBoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 11, 0, 0, TimeSpan.Zero);

    [TestCase(0.0)]
    [TestCase(0.0001)]
    [TestCase(0.00010000001)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    public void Layer_VolumeZeroOrFromTheFloorToOne_IsKept(double volume) =>
        new MixLayer(Guid.NewGuid(), volume, false, 0).Volume.ShouldBe(volume);

    [TestCase(1e-30)]
    [TestCase(1e-46)]
    [TestCase(double.Epsilon)]
    [TestCase(0.0000999)]
    [TestCase(1.0000001)]
    [TestCase(-0.5)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Layer_VolumeBelowTheMinus80DbFloorOrAboveOne_IsRefusedNamingVolume(double volume)
    {
        var refused = Should.Throw<DomainValidationException>(() => new MixLayer(Guid.NewGuid(), volume, false, 0));

        refused.Field.ShouldBe("volume");
    }

    [TestCase(0.0)]
    [TestCase(7.5)]
    [TestCase(3600.0)]
    public void Layer_DelayUpToAnHour_IsKept(double delay) =>
        new MixLayer(Guid.NewGuid(), 1, false, delay).DelaySeconds.ShouldBe(delay);

    [TestCase(3600.001)]
    [TestCase(1e9)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Layer_DelayBeyondAnHourOrNegative_IsRefusedNamingDelaySeconds(double delay)
    {
        var refused = Should.Throw<DomainValidationException>(() => new MixLayer(Guid.NewGuid(), 1, false, delay));

        refused.Field.ShouldBe("delaySeconds");
    }

    [TestCase(0.0)]
    [TestCase(3600.0)]
    [TestCase(86400.0)]
    public void Create_DurationUpTo24Hours_IsKept(double duration) =>
        Mix.Create(Guid.NewGuid(), "long", [new MixLayer(Guid.NewGuid(), 1, false, 0)], false, duration, Now).DurationSeconds.ShouldBe(duration);

    [TestCase(86400.5)]
    [TestCase(1e9 + 60)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NaN)]
    public void Create_DurationBeyond24HoursOrNotFinite_IsRefused(double duration)
    {
        var refused = Should.Throw<DomainValidationException>(() =>
            Mix.Create(Guid.NewGuid(), "long", [new MixLayer(Guid.NewGuid(), 1, false, 0)], false, duration, Now));

        refused.Field.ShouldBeOneOf("layers", "duration");
    }

    [Test]
    public void ReplaceLayers_TooLong_KeepsTheLayersAndDurationItHad()
    {
        var kept = new MixLayer(Guid.NewGuid(), 0.5, true, 10);
        var mix = Mix.Create(Guid.NewGuid(), "storm", [kept], false, 70, Now);

        Should.Throw<DomainValidationException>(() => mix.ReplaceLayers([new MixLayer(Guid.NewGuid(), 1, false, 3600)], 90_000, Now.AddMinutes(1)))
            .Message.ShouldContain("90000 s");

        mix.Layers.ShouldBe([kept]);
        mix.DurationSeconds.ShouldBe(70);
        mix.UpdatedAt.ShouldBe(Now);
    }

    [Test]
    public void Duration_OfTheLongestAllowedDelays_StaysFarUnderTheBound()
    {
        // Sixteen layers of a 60 s sound, each delayed the most it may be: an hour and a minute, not 31 years.
        var layers = Enumerable.Range(0, Mix.MaxLayers).Select(_ => new LayerSound(1, false, MixLayer.MaxDelaySeconds, 60, null));

        MixDuration.Calculate(layers).ShouldBe(3660);
    }
}
