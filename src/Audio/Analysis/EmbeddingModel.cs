using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Soundscape.Audio.Analysis;

/// <summary>
/// The learned mapping from <see cref="AcousticFeatures"/> to the five axes (issue 15): multinomial logistic
/// regression (softmax regression) over <see cref="InputNames"/>, with seven classes — the five families,
/// <c>music</c> and <c>other</c> (ambiences that are none of the families: birds, insects, running water). The
/// embedding is the probability-weighted mean of each class's prototype: a family's is its own axis at 1, music's is
/// <see cref="MusicAxis"/> on every axis, other's is the origin. A sound that is mostly one family therefore has that
/// family on top, a mixture shares its weight between its families, and music sits on the diagonal, away from every
/// family's direction (cosine 0.45 to each axis). The weights are data: <c>bench/corpus/embedding-model.json</c>,
/// written by <c>dotnet run -c Release --project bench/Soundscape.Benchmarks.Embeddings -- train</c> and embedded in
/// this assembly. Softmax regression is textbook (e.g. Bishop, Pattern Recognition and Machine Learning, §4.3.4).
/// </summary>
public sealed class EmbeddingModel
{
    /// <summary>The classes, in the model's order: the five axes first, in the product's order.</summary>
    public static readonly IReadOnlyList<string> ClassNames = ["rain", "wind", "fire", "thunder", "waves", "music", "other"];

    /// <summary>The index of <c>music</c> in <see cref="ClassNames"/>.</summary>
    public const int MusicClass = 5;

    /// <summary>The index of <c>other</c> in <see cref="ClassNames"/>.</summary>
    public const int OtherClass = 6;

    /// <summary>Every axis of music's prototype: the diagonal at length 0.45, above the 0.1 "has an embedding" line and
    /// below any family's own axis.</summary>
    public const double MusicAxis = 0.2;

    /// <summary>What the model reads, in order; see <see cref="Inputs"/> for each transform.</summary>
    public static readonly IReadOnlyList<string> InputNames =
    [
        "log centroid", "flatness", "noisiness", "low ratio", "mid ratio", "high ratio", "log1p onsets/s", "log1p sharp onsets/s",
        "onset strength/10 dB", "log crest", "modulation depth", "modulation period/10 s", "periodicity", "low-band burstiness/10 dB",
        "silence ratio", "loudness spread/10 dB",
    ];

    private static readonly Lazy<EmbeddingModel> Embedded = new(LoadEmbedded);

    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[][] _weights;
    private readonly double[] _bias;

    public EmbeddingModel(double[] mean, double[] scale, double[][] weights, double[] bias)
    {
        int inputs = InputNames.Count, classes = ClassNames.Count;
        if (mean.Length != inputs || scale.Length != inputs || bias.Length != classes || weights.Length != classes || weights.Any(w => w.Length != inputs))
            throw new ArgumentException($"A model needs {inputs} inputs and {classes} classes.");
        if (mean.Concat(scale).Concat(bias).Concat(weights.SelectMany(w => w)).Any(v => !double.IsFinite(v)) || scale.Any(s => s <= 0))
            throw new ArgumentException("A model's numbers must be finite and its scales positive.");
        (_mean, _scale, _weights, _bias) = (mean, scale, weights, bias);
    }

    /// <summary>The model committed with this build (bench/corpus/embedding-model.json).</summary>
    public static EmbeddingModel Default => Embedded.Value;

    /// <summary>
    /// The model's inputs from the features, before standardisation: logarithms for the rates and levels that span
    /// orders of magnitude, dB quantities in tens of dB; a non-finite feature reads as 0.
    /// </summary>
    public static double[] Inputs(AcousticFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        double[] x =
        [
            Math.Log(Math.Max(f.SpectralCentroidHz, 0) + 50), f.SpectralFlatness, f.Noisiness, f.LowFrequencyRatio, f.MidFrequencyRatio,
            f.HighFrequencyRatio, Math.Log(1 + Math.Max(f.TransientsPerSecond, 0)), Math.Log(1 + Math.Max(f.SharpTransientsPerSecond, 0)),
            f.TransientStrengthDb / 10, Math.Log(1 + Math.Max(f.CrestFactor, 0)), f.SlowModulationDepth, f.ModulationPeriodSeconds / 10,
            f.ModulationPeriodicity, f.LowBandBurstinessDb / 10, f.SilenceRatio, f.LoudnessSpreadDb / 10,
        ];
        for (int i = 0; i < x.Length; i++)
            x[i] = double.IsFinite(x[i]) ? Math.Clamp(x[i], -1e3, 1e3) : 0;
        return x;
    }

    /// <summary>The probability of each of <see cref="ClassNames"/> (they sum to 1).</summary>
    public double[] Probabilities(AcousticFeatures features) => Softmax(Scores(Standardise(Inputs(features))));

    /// <summary>The five axes, each in [0, 1]: Σ p(class) · prototype(class). Digital silence (every frame silent) is the origin.</summary>
    public SoundEmbedding Map(AcousticFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.SilenceRatio >= 1)
            return SoundEmbedding.Zero;
        double[] p = Probabilities(features);
        double Axis(int i) => Math.Clamp(p[i] + (p[MusicClass] * MusicAxis), 0, 1);
        return new SoundEmbedding(Axis(0), Axis(1), Axis(2), Axis(3), Axis(4));
    }

    /// <summary>
    /// Fits the model by full-batch gradient descent on the weighted cross-entropy plus <paramref name="l2"/> · ‖W‖²/2
    /// (the bias is not penalised). Inputs are standardised by the samples' weighted mean and spread. Deterministic.
    /// </summary>
    /// <param name="samples">Features, class index into <see cref="ClassNames"/>, and the sample's weight (&gt; 0).</param>
    public static EmbeddingModel Train(IReadOnlyList<(AcousticFeatures Features, int Class, double Weight)> samples, double l2, int iterations = 4000)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
            throw new ArgumentException("Training needs samples.", nameof(samples));
        int n = samples.Count, d = InputNames.Count, k = ClassNames.Count;
        double[][] raw = samples.Select(s => Inputs(s.Features)).ToArray();
        double totalWeight = samples.Sum(s => s.Weight);
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            mean[j] = Enumerable.Range(0, n).Sum(i => samples[i].Weight * raw[i][j]) / totalWeight;
            double variance = Enumerable.Range(0, n).Sum(i => samples[i].Weight * Math.Pow(raw[i][j] - mean[j], 2)) / totalWeight;
            scale[j] = Math.Sqrt(variance) is var sd && sd > 1e-9 ? sd : 1;
        }

        double[][] x = raw.Select(r => r.Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToArray();
        var weights = Enumerable.Range(0, k).Select(_ => new double[d]).ToArray();
        var bias = new double[k];
        var gradW = Enumerable.Range(0, k).Select(_ => new double[d]).ToArray();
        var gradB = new double[k];
        const double step = 0.5;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            foreach (double[] g in gradW)
                Array.Clear(g);
            Array.Clear(gradB);
            for (int i = 0; i < n; i++)
            {
                double[] p = Softmax(Scores(x[i], weights, bias));
                double w = samples[i].Weight / totalWeight;
                for (int c = 0; c < k; c++)
                {
                    double error = w * (p[c] - (c == samples[i].Class ? 1 : 0));
                    gradB[c] += error;
                    for (int j = 0; j < d; j++)
                        gradW[c][j] += error * x[i][j];
                }
            }

            for (int c = 0; c < k; c++)
            {
                bias[c] -= step * gradB[c];
                for (int j = 0; j < d; j++)
                    weights[c][j] -= step * (gradW[c][j] + (l2 * weights[c][j]));
            }
        }

        return new EmbeddingModel(mean, scale, weights, bias);
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a model, or its inputs or classes are not this build's.</exception>
    public static EmbeddingModel FromJson(string json)
    {
        ModelFile file;
        try
        {
            file = JsonSerializer.Deserialize<ModelFile>(json, JsonOptions) ?? throw new FormatException("The model file is empty.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The model file is not valid: {ex.Message}", ex);
        }

        if (!file.Inputs.SequenceEqual(InputNames) || !file.Classes.SequenceEqual(ClassNames))
            throw new FormatException("The model file was trained on other inputs or classes than this build reads; train it again.");
        try
        {
            return new EmbeddingModel(file.Mean, file.Scale, file.Weights, file.Bias);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    /// <summary>The model as JSON, with <paramref name="notes"/> (how it was trained) kept at the top.</summary>
    public string ToJson(IReadOnlyDictionary<string, string> notes) =>
        JsonSerializer.Serialize(new ModelFile(notes, [.. InputNames], [.. ClassNames], Round(_mean), Round(_scale), _weights.Select(Round).ToArray(), Round(_bias)), JsonOptions);

    private static double[] Round(double[] values) => values.Select(v => Math.Round(v, 6)).ToArray();

    private double[] Standardise(double[] raw)
    {
        var x = new double[raw.Length];
        for (int j = 0; j < raw.Length; j++)
            x[j] = (raw[j] - _mean[j]) / _scale[j];
        return x;
    }

    private double[] Scores(double[] x) => Scores(x, _weights, _bias);

    private static double[] Scores(double[] x, double[][] weights, double[] bias)
    {
        var scores = new double[bias.Length];
        for (int c = 0; c < bias.Length; c++)
        {
            double sum = bias[c];
            for (int j = 0; j < x.Length; j++)
                sum += weights[c][j] * x[j];
            scores[c] = sum;
        }

        return scores;
    }

    private static double[] Softmax(double[] scores)
    {
        double max = scores.Max();
        double[] e = scores.Select(s => Math.Exp(s - max)).ToArray();
        double total = e.Sum();
        return e.Select(v => v / total).ToArray();
    }

    private static EmbeddingModel LoadEmbedded()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedding model {ResourceName} is not embedded in {typeof(EmbeddingModel).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd());
    }

    private const string ResourceName = "Soundscape.Audio.Analysis.embedding-model.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private sealed record ModelFile(
        IReadOnlyDictionary<string, string> Notes, string[] Inputs, string[] Classes, double[] Mean, double[] Scale, double[][] Weights, double[] Bias);
}
