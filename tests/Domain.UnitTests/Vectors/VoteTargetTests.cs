using Soundscape.Domain.Common;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Vectors;

public class VoteTargetTests
{
    [TestCase(1, -1.0)]
    [TestCase(2, -0.5)]
    [TestCase(3, 0.0)]
    [TestCase(4, 0.5)]
    [TestCase(5, 1.0)]
    public void FromRating_MapsOneToFiveOntoMinusOneToOne(int rating, double expected)
    {
        VoteTarget.FromRating(rating).Value.ShouldBe(expected);
    }

    [TestCase(0)]
    [TestCase(6)]
    [TestCase(-3)]
    [TestCase(int.MaxValue)]
    [TestCase(int.MinValue)]
    public void FromRating_OutsideOneToFive_IsRefused(int rating)
    {
        Should.Throw<DomainValidationException>(() => VoteTarget.FromRating(rating)).Field.ShouldBe("rating");
    }

    [Test]
    public void FromReaction_MapsLikeToPlusOneAndDislikeToMinusOne()
    {
        VoteTarget.FromReaction(Reaction.Like).Value.ShouldBe(1);
        VoteTarget.FromReaction(Reaction.Dislike).Value.ShouldBe(-1);
    }

    [TestCase(0)]
    [TestCase(2)]
    [TestCase(-2)]
    public void FromReaction_OfAnUndefinedEnumValue_IsRefused(int value)
    {
        Should.Throw<DomainValidationException>(() => VoteTarget.FromReaction((Reaction)value)).Field.ShouldBe("reaction");
    }

    [TestCase(-1.0)]
    [TestCase(-0.5)]
    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    public void FromValue_AcceptsAnyCosineInMinusOneToOne(double value)
    {
        VoteTarget.FromValue(value).Value.ShouldBe(value);
    }

    [TestCase(1.0000001)]
    [TestCase(-1.0000001)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void FromValue_OutsideMinusOneToOneOrNotFinite_IsRefused(double value)
    {
        Should.Throw<DomainValidationException>(() => VoteTarget.FromValue(value)).Field.ShouldBe("target");
    }

    [Test]
    public void Equality_IsByValue()
    {
        VoteTarget.FromRating(5).ShouldBe(VoteTarget.FromReaction(Reaction.Like));
        VoteTarget.FromRating(4).ShouldBe(VoteTarget.FromValue(0.5));
        VoteTarget.FromRating(3).IsNeutral.ShouldBeTrue();
    }
}
