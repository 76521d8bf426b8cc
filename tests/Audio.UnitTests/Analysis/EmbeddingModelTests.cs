using System.Text.Json.Nodes;
using Soundscape.Audio.Analysis;
using Soundscape.Audio.Synthesis;

namespace Soundscape.Audio.UnitTests.Analysis;

/// <summary>The learned mapping's data file: read back exactly, and refused when it was trained for other inputs.</summary>
public sealed class EmbeddingModelTests
{
    private static readonly Dictionary<string, string> Notes = new() { ["test"] = "round trip" };

    [Test]
    public void ToJsonThenFromJson_OfTheCommittedModel_GivesTheSameEmbeddings()
    {
        var analyzer = new EmbeddingAnalyzer();
        AcousticFeatures features = analyzer.Analyze(SoundGenerators.Fire(10, 22_050, 31), 22_050).Features;

        EmbeddingModel copy = EmbeddingModel.FromJson(EmbeddingModel.Default.ToJson(Notes));

        copy.Map(features).ToArray().Zip(EmbeddingModel.Default.Map(features).ToArray(), (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThan(1e-4);
    }

    [Test]
    public void FromJson_OfAModelTrainedOnOtherInputs_ThrowsFormatException()
    {
        JsonNode model = JsonNode.Parse(EmbeddingModel.Default.ToJson(Notes))!;
        model["inputs"]!.AsArray().RemoveAt(0);

        Should.Throw<FormatException>(() => EmbeddingModel.FromJson(model.ToJsonString())).Message.ShouldContain("train it again");
        Should.Throw<FormatException>(() => EmbeddingModel.FromJson("{ \"weights\": 3 }"));
    }

    [Test]
    public void Probabilities_OfAnySound_SumToOne()
    {
        AcousticFeatures features = new EmbeddingAnalyzer().Analyze(SoundGenerators.Wind(10, 16_000, 32), 16_000).Features;

        EmbeddingModel.Default.Probabilities(features).Sum().ShouldBe(1, 1e-9);
    }
}
