using Soundscape.Domain.Common;
using Soundscape.Domain.Recommendation;
using Soundscape.Specifications;

namespace Soundscape.Domain.UnitTests.Recommendation;

public class RecommendationScoringTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PenaltySettings Settings = PenaltySettings.Default;

    [Test]
    public void Default_IsHalfLambdaThirtyMinuteTauAndThreeHourWindow()
    {
        Settings.Lambda.ShouldBe(0.5);
        Settings.Tau.ShouldBe(TimeSpan.FromMinutes(30));
        Settings.Window.ShouldBe(TimeSpan.FromHours(3));
    }

    [Test]
    public void Penalty_WithNoPlays_IsZero()
    {
        RecommendationScoring.Penalty([], Now, Settings).ShouldBe(0);
    }

    [Test]
    public void Penalty_OfAPlayStartedExactlyNow_IsLambda()
    {
        RecommendationScoring.Penalty([Now], Now, Settings).ShouldBe(0.5);
    }

    [Test]
    public void Penalty_ThirtyMinutesAfterAPlay_IsLambdaOverE()
    {
        RecommendationScoring.Penalty([Now.AddMinutes(-30)], Now, Settings).ShouldBe(0.5 * Math.Exp(-1), 1e-15);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(17)]
    [TestCase(45)]
    [TestCase(90)]
    [TestCase(179)]
    public void Penalty_DecaysExponentiallyWithTheAgeOfThePlay(int minutesAgo)
    {
        RecommendationScoring.Penalty([Now.AddMinutes(-minutesAgo)], Now, Settings)
            .ShouldBe(0.5 * Math.Exp(-minutesAgo / 30.0), 1e-15);
    }

    [Test]
    public void Penalty_IsMeasuredAtFullPrecisionNotWholeMinutes()
    {
        var started = Now - TimeSpan.FromTicks(1);

        RecommendationScoring.Penalty([started], Now, Settings).ShouldBeLessThan(0.5);
    }

    [TestCase(180)]
    [TestCase(181)]
    [TestCase(60 * 24 * 365)]
    public void Penalty_OfAPlayAtLeastTheWindowAgo_IsZero(int minutesAgo)
    {
        // The window is half-open, so a play exactly W ago already counts for nothing.
        RecommendationScoring.Penalty([Now.AddMinutes(-minutesAgo)], Now, Settings).ShouldBe(0);
    }

    [Test]
    public void Penalty_OfAPlayJustInsideTheWindow_StillCounts()
    {
        var started = Now - Settings.Window + TimeSpan.FromTicks(1);

        RecommendationScoring.Penalty([started], Now, Settings).ShouldBe(0.5 * Math.Exp(-6), 1e-12);
    }

    [TestCase(1)]
    [TestCase(60)]
    public void Penalty_OfAPlayInTheFuture_IsZero(int minutesAhead)
    {
        RecommendationScoring.Penalty([Now.AddMinutes(minutesAhead)], Now, Settings).ShouldBe(0);
    }

    [Test]
    public void Penalty_OfAPlayOneTickInTheFuture_IsZeroRatherThanAboveLambda()
    {
        RecommendationScoring.Penalty([Now.AddTicks(1)], Now, Settings).ShouldBe(0);
    }

    [Test]
    public void Penalty_OfSeveralPlays_AddsUp()
    {
        DateTimeOffset[] plays = [Now, Now.AddMinutes(-30), Now.AddMinutes(-60), Now.AddHours(-4), Now.AddMinutes(5)];

        RecommendationScoring.Penalty(plays, Now, Settings)
            .ShouldBe(0.5 * (1 + Math.Exp(-1) + Math.Exp(-2)), 1e-15);
    }

    [Test]
    public void Penalty_ComparesInstantsNotWallClocksAcrossOffsets()
    {
        // 12:30 at +02:00 is 10:30 UTC, 90 minutes before noon UTC.
        var started = new DateTimeOffset(2025, 6, 1, 12, 30, 0, TimeSpan.FromHours(2));

        RecommendationScoring.Penalty([started], Now, Settings).ShouldBe(0.5 * Math.Exp(-3), 1e-15);
    }

    [Test]
    public void Penalty_ScalesWithLambdaAndUsesTheConfiguredTau()
    {
        var settings = new PenaltySettings(2.0, TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));

        RecommendationScoring.Penalty([Now.AddMinutes(-10)], Now, settings).ShouldBe(2.0 * Math.Exp(-1), 1e-15);
        RecommendationScoring.Penalty([Now.AddMinutes(-61)], Now, settings).ShouldBe(0);
    }

    [Test]
    public void Score_IsSimilarityMinusPenalty()
    {
        var scored = RecommendationScoring.Score(0.9, [Now.AddMinutes(-30)], Now, Settings);

        scored.Similarity.ShouldBe(0.9);
        scored.Penalty.ShouldBe(0.5 * Math.Exp(-1), 1e-15);
        scored.Score.ShouldBe(0.9 - (0.5 * Math.Exp(-1)), 1e-15);
    }

    [Test]
    public void Score_OfANeverPlayedSound_IsItsSimilarity()
    {
        RecommendationScoring.Score(-0.25, [], Now, Settings).ShouldBe(new ScoredCandidate(-0.25, 0, -0.25));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Score_WithANonFiniteSimilarity_IsRefused(double similarity)
    {
        Should.Throw<DomainValidationException>(() => RecommendationScoring.Score(similarity, [], Now, Settings))
            .Field.ShouldBe("similarity");
    }
}
