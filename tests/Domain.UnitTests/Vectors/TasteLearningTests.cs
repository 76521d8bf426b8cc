using FsCheck;
using FsCheck.Fluent;
using Soundscape.Domain.Common;
using Soundscape.Domain.UnitTests.Support;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Vectors;

public class TasteLearningTests
{
    // Cosines are compared after a renormalisation, so allow a few ulps of rounding.
    private const double CosineTolerance = 1e-12;

    private static readonly TasteVector Preference = TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8).Normalize();
    private static readonly TasteVector Velocity = TasteVector.Create(0.01, -0.02, 0.03, 0, 0.05);
    private static readonly TasteVector Embedding = TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7);

    [Test]
    public void Default_UsesTheSeedsConstants()
    {
        TasteLearning.Default.LearningRate.ShouldBe(0.12);
        TasteLearning.Default.Momentum.ShouldBe(0.7);
        TasteLearning.DefaultLearningRate.ShouldBe(0.12);
        TasteLearning.DefaultMomentum.ShouldBe(0.7);
    }

    [TestCase(0.0, 0.7, "learningRate")]
    [TestCase(-0.1, 0.7, "learningRate")]
    [TestCase(double.NaN, 0.7, "learningRate")]
    [TestCase(double.PositiveInfinity, 0.7, "learningRate")]
    [TestCase(0.12, -0.1, "momentum")]
    [TestCase(0.12, 1.0, "momentum")]
    [TestCase(0.12, double.NaN, "momentum")]
    public void Constructor_WithOutOfRangeSettings_IsRefused(double learningRate, double momentum, string field)
    {
        Should.Throw<DomainValidationException>(() => new TasteLearning(learningRate, momentum)).Field.ShouldBe(field);
    }

    [Test]
    public void Constructor_AcceptsZeroMomentum()
    {
        new TasteLearning(0.5, 0).Momentum.ShouldBe(0);
    }

    [Test]
    public void Apply_WhenEmbeddingIsNull_KeepsPreferenceAndVelocity()
    {
        var result = TasteLearning.Default.Apply(Preference, Velocity, null, VoteTarget.FromReaction(Reaction.Like));

        result.Learned.ShouldBeFalse();
        result.Preference.ShouldBeSameAs(Preference);
        result.Velocity.ShouldBeSameAs(Velocity);
        result.SimilarityBefore.ShouldBe(0);
        result.SimilarityAfter.ShouldBe(0);
    }

    [Test]
    public void Apply_WhenEmbeddingIsZero_KeepsPreferenceAndVelocity()
    {
        var result = TasteLearning.Default.Apply(Preference, Velocity, TasteVector.Zero, VoteTarget.FromReaction(Reaction.Dislike));

        result.Learned.ShouldBeFalse();
        result.Preference.ShouldBe(Preference);
        result.Velocity.ShouldBe(Velocity);
        result.SimilarityBefore.ShouldBe(0);
        result.SimilarityAfter.ShouldBe(0);
    }

    [Test]
    public void Apply_WhenEmbeddingIsZeroAtColdStart_StaysCold()
    {
        var result = TasteLearning.Default.Apply(TasteVector.Zero, TasteVector.Zero, TasteVector.Zero, VoteTarget.FromRating(5));

        result.ShouldBe(new LearningResult(TasteVector.Zero, TasteVector.Zero, false, 0, 0));
    }

    [Test]
    public void Apply_AtColdStartWithANeutralVote_ChangesNothing()
    {
        var result = TasteLearning.Default.Apply(TasteVector.Zero, TasteVector.Zero, Embedding, VoteTarget.FromRating(3));

        result.Learned.ShouldBeFalse();
        result.Preference.ShouldBe(TasteVector.Zero);
        result.Velocity.ShouldBe(TasteVector.Zero);
        result.SimilarityBefore.ShouldBe(0);
        result.SimilarityAfter.ShouldBe(0);
    }

    [Test]
    public void Apply_AtColdStartWithALike_PointsStraightAtTheSound()
    {
        var result = TasteLearning.Default.Apply(TasteVector.Zero, TasteVector.Zero, Embedding, VoteTarget.FromRating(4));

        result.Learned.ShouldBeTrue();
        result.Preference.ApproximatelyEquals(Embedding.Normalize(), 1e-15).ShouldBeTrue();
        result.Velocity.ShouldBe(TasteVector.Zero);
        result.SimilarityBefore.ShouldBe(0);
        result.SimilarityAfter.ShouldBe(1, CosineTolerance);
    }

    [Test]
    public void Apply_AtColdStartWithADislike_PointsAwayFromTheSound()
    {
        var result = TasteLearning.Default.Apply(TasteVector.Zero, TasteVector.Zero, Embedding, VoteTarget.FromRating(2));

        result.Preference.ApproximatelyEquals(Embedding.Normalize().Scale(-1), 1e-15).ShouldBeTrue();
        result.SimilarityAfter.ShouldBe(-1, CosineTolerance);
    }

    [Test]
    public void Apply_WithANeutralVoteOnAnExistingPreference_StillLearnsTowardsUnrelated()
    {
        // Rating 3 means "unrelated to my taste", so a sound the preference already matches is pushed towards cos 0.
        var result = TasteLearning.Default.Apply(Preference, TasteVector.Zero, Embedding, VoteTarget.FromRating(3));

        result.Learned.ShouldBeTrue();
        result.SimilarityAfter.ShouldBeLessThan(result.SimilarityBefore);
    }

    [Test]
    public void Apply_ReportsTheCosineBeforeAndAfter()
    {
        var result = TasteLearning.Default.Apply(Preference, TasteVector.Zero, Embedding, VoteTarget.FromReaction(Reaction.Like));

        result.SimilarityBefore.ShouldBe(0.964211, 1e-6);
        result.SimilarityAfter.ShouldBe(result.Preference.CosineSimilarity(Embedding));
        result.SimilarityAfter.ShouldBeGreaterThan(result.SimilarityBefore);
    }

    [Test]
    public void Apply_UnitLengthAfterAnyNonNeutralVote()
    {
        Prop.ForAll(
                (from p in Gen.OneOf(TasteGen.UnitVector, Gen.Constant(TasteVector.Zero))
                 from v in TasteGen.SmallVelocity
                 from e in TasteGen.NonZeroVector
                 from t in TasteGen.NonNeutralTarget
                 select (p, v, e, t)).ToArbitrary(),
                c =>
                {
                    var result = TasteLearning.Default.Apply(c.p, c.v, c.e, c.t);
                    return result.Learned && Math.Abs(result.Preference.Length - 1) < 1e-12;
                })
            .Check(TasteGen.Config);
    }

    [Test]
    public void Apply_UnitLengthThroughoutAnyLongSequenceOfVotes()
    {
        // Velocities here come from the rule itself, so momentum carrying over between votes is exercised too.
        Prop.ForAll(
                Gen.ListOf(Gen.Zip(TasteGen.NonZeroVector, TasteGen.NonNeutralTarget)).ToArbitrary(),
                votes =>
                {
                    var (p, v) = (TasteVector.Zero, TasteVector.Zero);
                    foreach (var (e, t) in votes)
                    {
                        var result = TasteLearning.Default.Apply(p, v, e, t);
                        (p, v) = (result.Preference, result.Velocity);
                        if (Math.Abs(p.Length - 1) >= 1e-12)
                        {
                            return false;
                        }
                    }

                    return true;
                })
            .Check(TasteGen.Config);
    }

    [Test]
    public void Apply_WithZeroVelocity_ALikeNeverLowersTheSimilarity()
    {
        Prop.ForAll(
                Gen.Zip(TasteGen.UnitVector, TasteGen.NonZeroVector).ToArbitrary(),
                c =>
                {
                    var result = TasteLearning.Default.Apply(c.Item1, TasteVector.Zero, c.Item2, VoteTarget.FromReaction(Reaction.Like));
                    return result.SimilarityAfter >= result.SimilarityBefore - CosineTolerance;
                })
            .Check(TasteGen.Config);
    }

    [Test]
    public void Apply_WithZeroVelocity_ADislikeNeverRaisesTheSimilarity()
    {
        Prop.ForAll(
                Gen.Zip(TasteGen.UnitVector, TasteGen.NonZeroVector).ToArbitrary(),
                c =>
                {
                    var result = TasteLearning.Default.Apply(c.Item1, TasteVector.Zero, c.Item2, VoteTarget.FromReaction(Reaction.Dislike));
                    return result.SimilarityAfter <= result.SimilarityBefore + CosineTolerance;
                })
            .Check(TasteGen.Config);
    }

    [Test]
    public void Apply_WithZeroVelocity_MovesTheSimilarityTowardsTheTargetWithoutPassingIt()
    {
        // The general form of "a positive vote never lowers the similarity": a target of +0.5 on a sound already
        // at cos 0.9 lowers it towards 0.5 by design, so the guarantee is about the target, not the sign.
        Prop.ForAll(
                (from p in TasteGen.UnitVector
                 from e in TasteGen.NonZeroVector
                 from t in TasteGen.Target
                 select (p, e, t)).ToArbitrary(),
                c =>
                {
                    var result = TasteLearning.Default.Apply(c.p, TasteVector.Zero, c.e, c.t);
                    var low = Math.Min(result.SimilarityBefore, c.t.Value) - CosineTolerance;
                    var high = Math.Max(result.SimilarityBefore, c.t.Value) + CosineTolerance;
                    return result.SimilarityAfter >= low && result.SimilarityAfter <= high;
                })
            .Check(TasteGen.Config);
    }

    [Test]
    public void Apply_TreatsAnEmbeddingAndAnyPositiveMultipleOfItAlike()
    {
        Prop.ForAll(
                (from p in TasteGen.UnitVector
                 from e in TasteGen.NonZeroVector
                 from exponent in Gen.Choose(-20, 20)
                 from t in TasteGen.Target
                 select (p, e, scale: Math.Pow(10, exponent), t)).ToArbitrary(),
                c =>
                {
                    var scaled = c.e.Normalize().Scale(c.scale);
                    var a = TasteLearning.Default.Apply(c.p, TasteVector.Zero, c.e, c.t);
                    var b = TasteLearning.Default.Apply(c.p, TasteVector.Zero, scaled, c.t);
                    return a.Preference.ApproximatelyEquals(b.Preference, 1e-12);
                })
            .Check(TasteGen.Config);
    }
}
