using Soundscape.Domain.Common;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Domain.UnitTests.Recommendation;

public class PenaltySettingsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Test]
    public void Constructor_AcceptsAZeroLambdaWhichTurnsThePenaltyOff()
    {
        new PenaltySettings(0, Minute, Minute).Lambda.ShouldBe(0);
    }

    [TestCase(-0.1)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Constructor_WithAnInvalidLambda_IsRefused(double lambda)
    {
        Should.Throw<DomainValidationException>(() => new PenaltySettings(lambda, Minute, Minute)).Field.ShouldBe("lambda");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Constructor_WithANonPositiveTau_IsRefused(int minutes)
    {
        Should.Throw<DomainValidationException>(() => new PenaltySettings(0.5, TimeSpan.FromMinutes(minutes), Minute))
            .Field.ShouldBe("tau");
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Constructor_WithANonPositiveWindow_IsRefused(int minutes)
    {
        Should.Throw<DomainValidationException>(() => new PenaltySettings(0.5, Minute, TimeSpan.FromMinutes(minutes)))
            .Field.ShouldBe("window");
    }

    [Test]
    public void With_CannotSneakAnInvalidValuePastValidation()
    {
        Should.Throw<DomainValidationException>(() => PenaltySettings.Default with { Lambda = -1 }).Field.ShouldBe("lambda");
        Should.Throw<DomainValidationException>(() => PenaltySettings.Default with { Tau = TimeSpan.Zero }).Field.ShouldBe("tau");
        Should.Throw<DomainValidationException>(() => PenaltySettings.Default with { Window = TimeSpan.Zero }).Field.ShouldBe("window");
    }

    [Test]
    public void With_KeepsTheOtherValuesAndValueEquality()
    {
        var changed = PenaltySettings.Default with { Lambda = 1 };

        changed.ShouldBe(new PenaltySettings(1, TimeSpan.FromMinutes(30), TimeSpan.FromHours(3)));
        PenaltySettings.Default.ShouldBe(new PenaltySettings(0.5, TimeSpan.FromMinutes(30), TimeSpan.FromHours(3)));
    }
}
