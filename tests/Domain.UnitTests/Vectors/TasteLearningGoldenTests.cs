using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Vectors;

/// <summary>The golden values of DESIGN §4.2; they pin the rule down so the seed's behaviour is kept exactly.</summary>
public class TasteLearningGoldenTests
{
    private const double Tolerance = 1e-6;

    private static readonly TasteVector CaseOnePreference = TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8).Normalize();

    public record GoldenCase(
        string Name,
        TasteVector Preference,
        TasteVector Velocity,
        TasteVector Embedding,
        double Target,
        double[] ExpectedPreference,
        double[] ExpectedVelocity)
    {
        public override string ToString() => Name;
    }

    public record SequenceStep(int Step, double[] Embedding, double Target, double[] ExpectedPreference, double[] ExpectedVelocity)
    {
        public override string ToString() => $"step {Step}";
    }

    public static IEnumerable<TestCaseData> Cases()
    {
        GoldenCase[] cases =
        [
            new(
                "case 1: like a similar sound",
                CaseOnePreference,
                TasteVector.Zero,
                TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7),
                +1,
                [0.698691, 0.078056, 0.309555, 0.155730, 0.621016],
                [0.000156, 0.000441, -0.000905, 0.000500, 0.000096]),
            new(
                "case 2: dislike a thunder sound",
                CaseOnePreference,
                TasteVector.Zero,
                TasteVector.Create(0.1, 0.1, 0.2, 0.9, 0.1),
                -1,
                [0.714457, 0.064051, 0.290704, 0.007355, 0.633156],
                [0.024176, -0.012824, -0.016398, -0.147790, 0.019551]),
            new(
                "case 3: cold start",
                TasteVector.Zero,
                TasteVector.Zero,
                TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7),
                +1,
                [0.709885, 0.177471, 0.088736, 0.266207, 0.621150],
                [0, 0, 0, 0, 0]),
        ];
        return cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));
    }

    // Each step starts from the previous step's output, so a step is checked by replaying all steps before it.
    private static readonly SequenceStep[] Sequence =
    [
        new(1, [0.9, 0, 0, 0.1, 0.3], +1, [0.943456, 0, 0, 0.104828, 0.314485], [0, 0, 0, 0, 0]),
        new(2, [0.1, 0.1, 0.2, 0.9, 0.1], -1, [0.950656, -0.015633, -0.031265, -0.033328, 0.306464], [0.017009, -0.015794, -0.031588, -0.138501, -0.004860]),
        new(3, [0.2, 0.1, 0.1, 0, 0.9], +0.5, [0.944208, -0.026110, -0.052289, -0.127806, 0.297860], [0.011738, -0.010980, -0.022031, -0.096940, -0.002867]),
        new(4, [0, 0.8, 0.1, 0.2, 0.1], -0.5, [0.930429, -0.086218, -0.072817, -0.204540, 0.282364], [0.006812, -0.062016, -0.022140, -0.081260, -0.009246]),
    ];

    public static IEnumerable<TestCaseData> SequenceSteps() =>
        Sequence.Select(s => new TestCaseData(s.Step).SetArgDisplayNames($"step {s.Step}"));

    [Test]
    public void Normalize_OfTheCaseOnePreference_MatchesTheRoundedValueInTheDesign()
    {
        CaseOnePreference.ToArray().ShouldBe([0.698535, 0.077615, 0.310460, 0.155230, 0.620920], Tolerance);
    }

    [TestCaseSource(nameof(Cases))]
    public void Apply_ReproducesTheGoldenCase(GoldenCase golden)
    {
        var result = TasteLearning.Default.Apply(golden.Preference, golden.Velocity, golden.Embedding, VoteTarget.FromValue(golden.Target));

        result.Learned.ShouldBeTrue();
        result.Preference.ToArray().ShouldBe(golden.ExpectedPreference, Tolerance);
        result.Velocity.ToArray().ShouldBe(golden.ExpectedVelocity, Tolerance);
    }

    [TestCaseSource(nameof(SequenceSteps))]
    public void Apply_ReproducesTheGoldenSequenceFromAZeroPreference(int step)
    {
        var preference = TasteVector.Zero;
        var velocity = TasteVector.Zero;
        LearningResult? result = null;

        foreach (var s in Sequence.Take(step))
        {
            result = TasteLearning.Default.Apply(preference, velocity, TasteVector.FromValues(s.Embedding), VoteTarget.FromValue(s.Target));
            (preference, velocity) = (result.Preference, result.Velocity);
        }

        var expected = Sequence[step - 1];
        result.ShouldNotBeNull().Learned.ShouldBeTrue();
        preference.ToArray().ShouldBe(expected.ExpectedPreference, Tolerance);
        velocity.ToArray().ShouldBe(expected.ExpectedVelocity, Tolerance);
    }

    [Test]
    public void Apply_ReproducesTheGoldenSequenceWithTargetsMadeFromRatingsAndReactions()
    {
        // The same sequence as the design's table, but the targets come from how users really vote:
        // like, dislike, rating 4 (+0.5), rating 2 (−0.5).
        VoteTarget[] targets =
        [
            VoteTarget.FromReaction(Reaction.Like),
            VoteTarget.FromReaction(Reaction.Dislike),
            VoteTarget.FromRating(4),
            VoteTarget.FromRating(2),
        ];

        var preference = TasteVector.Zero;
        var velocity = TasteVector.Zero;
        for (var i = 0; i < Sequence.Length; i++)
        {
            var result = TasteLearning.Default.Apply(preference, velocity, TasteVector.FromValues(Sequence[i].Embedding), targets[i]);
            (preference, velocity) = (result.Preference, result.Velocity);
        }

        preference.ToArray().ShouldBe(Sequence[^1].ExpectedPreference, Tolerance);
        velocity.ToArray().ShouldBe(Sequence[^1].ExpectedVelocity, Tolerance);
    }
}
