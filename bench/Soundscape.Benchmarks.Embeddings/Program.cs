using System.Diagnostics;
using System.Globalization;
using Soundscape.Audio;
using Soundscape.Audio.Analysis;
using Soundscape.Audio.Decoding;

// Scores the embedding analysis on the labelled corpus of real recordings (bench/corpus/manifest.tsv).
//   dotnet run -c Release --project bench/Soundscape.Benchmarks.Embeddings -- [repository root] [--rate 16000]
// Prints per-family precision and recall, the confusion matrix, the share of family recordings with no embedding,
// the mean absolute axis error on the mixtures, the same numbers per held-out source package
// (leave-one-source-out), and the analysis speed (audio seconds per second of one core's CPU time).
int rateFlag = Array.IndexOf(args, "--rate");
int? analysisRate = rateFlag >= 0 ? int.Parse(args[rateFlag + 1], CultureInfo.InvariantCulture) : null;
string[] positional = rateFlag >= 0 ? [.. args[..rateFlag], .. args[(rateFlag + 2)..]] : args;
string root = positional.Length > 0 ? positional[0] : FindRoot();
string corpus = Environment.GetEnvironmentVariable("SOUNDSCAPE_CORPUS") ?? Path.Combine(root, ".data", "corpus");
List<Entry> entries = File.ReadLines(Path.Combine(root, "bench", "corpus", "manifest.tsv")).Skip(1)
    .Select(line => line.Split('\t'))
    .Select(c => new Entry(c[0], c[1], c[2]))
    .ToList();

var decoder = new AudioDecoder();
var analyzer = new EmbeddingAnalyzer(analysisRate: analysisRate);
Console.WriteLine($"analysis rate: {(analysisRate is { } hz ? $"{hz} Hz" : "each file's own")}");
var results = new List<Result>();
double audioSeconds = 0, cpuSeconds = 0;
foreach (Entry entry in entries)
{
    using IAudioReader reader = await decoder.OpenAsync(Path.Combine(corpus, entry.Path));
    var samples = new List<float>();
    var buffer = new float[16384 * reader.Format.Channels];
    int got;
    while ((got = reader.Read(buffer)) > 0)
        samples.AddRange(buffer.AsSpan(0, got));
    using var memory = new MemoryReader(reader.Format, samples.ToArray());
    TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
    EmbeddingAnalysis analysis = analyzer.Analyze(memory);
    cpuSeconds += (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
    audioSeconds += analysis.Features.AnalyzedSeconds;
    results.Add(new Result(entry, analysis.Embedding.ToArray()));
}

Report.Print("all sources", results);
Console.WriteLine();
Console.WriteLine("Leave-one-source-out (a held-out package judged alone; the mapping is hand-set, so nothing is tuned on it):");
foreach (string source in results.Where(r => !r.Entry.IsMixture).Select(r => r.Entry.Source).Distinct().Order())
    Report.PrintSummary(source, results.Where(r => r.Entry.Source == source || r.Entry.Source.Split('+').Contains(source)).ToList());
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"speed: {audioSeconds:F0} s of audio analysed in {cpuSeconds:F2} s of CPU = {audioSeconds / cpuSeconds:F0}x real time (decoding excluded)"));
Console.WriteLine();
Console.WriteLine("per file (axes rain wind fire thunder waves):");
foreach (Result r in results)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.Entry.Path,-34} {r.Entry.Families,-22} {Report.Predicted(r.Axes),-8} [{string.Join(" ", r.Axes.Select(a => a.ToString("F2", CultureInfo.InvariantCulture)))}]"));

static string FindRoot()
{
    string? dir = AppContext.BaseDirectory;
    while (dir is not null && !File.Exists(Path.Combine(dir, "Soundscape.sln")))
        dir = Path.GetDirectoryName(dir);
    return dir ?? Directory.GetCurrentDirectory();
}

internal sealed record Entry(string Path, string Families, string Source)
{
    public bool IsMixture => Families.Contains(':', StringComparison.Ordinal);

    /// <summary>The target vector: one-hot for a family, the mixing weights for a mixture, zero for "none".</summary>
    public double[] Target()
    {
        var target = new double[5];
        foreach (string part in Families.Split(','))
        {
            string[] kv = part.Split(':');
            int axis = Array.IndexOf(Report.Axes, kv[0]);
            if (axis >= 0)
                target[axis] = kv.Length > 1 ? double.Parse(kv[1], CultureInfo.InvariantCulture) : 1;
        }

        return target;
    }
}

internal sealed record Result(Entry Entry, double[] Axes);

internal static class Report
{
    public static readonly string[] Axes = ["rain", "wind", "fire", "thunder", "waves"];
    private static readonly string[] Classes = [.. Axes, "none"];

    /// <summary>Below this on every axis a sound counts as having no embedding (it would never be recommended).</summary>
    public const double NoEmbedding = 0.1;

    public static string Predicted(double[] axes)
    {
        int top = Array.IndexOf(axes, axes.Max());
        return axes[top] < NoEmbedding ? "none" : Axes[top];
    }

    public static void Print(string title, List<Result> results)
    {
        List<Result> singles = results.Where(r => !r.Entry.IsMixture).ToList();
        Console.WriteLine($"== {title}: {singles.Count} recordings, {results.Count - singles.Count} mixtures");
        Console.WriteLine("confusion (rows: label, columns: top axis; 'none' = every axis < 0.1):");
        Console.WriteLine("          " + string.Join("", Classes.Select(c => $"{c,8}")));
        foreach (string label in Classes)
        {
            var row = Classes.Select(p => singles.Count(r => r.Entry.Families == label && Predicted(r.Axes) == p));
            Console.WriteLine($"  {label,-8}" + string.Join("", row.Select(n => $"{n,8}")));
        }

        Console.WriteLine("family    precision  recall");
        foreach (string family in Axes)
        {
            int truePositive = singles.Count(r => r.Entry.Families == family && Predicted(r.Axes) == family);
            int predicted = singles.Count(r => Predicted(r.Axes) == family);
            int actual = singles.Count(r => r.Entry.Families == family);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {family,-8} {Ratio(truePositive, predicted),9} {Ratio(truePositive, actual),7}"));
        }

        PrintSummary("summary", results);
    }

    public static void PrintSummary(string title, List<Result> results)
    {
        List<Result> family = results.Where(r => !r.Entry.IsMixture && r.Entry.Families != "none").ToList();
        List<Result> mixtures = results.Where(r => r.Entry.IsMixture).ToList();
        int correct = family.Count(r => Predicted(r.Axes) == r.Entry.Families);
        int empty = family.Count(r => Predicted(r.Axes) == "none");
        int noneRight = results.Count(r => r.Entry.Families == "none" && Predicted(r.Axes) == "none");
        int noneAll = results.Count(r => r.Entry.Families == "none");
        double mae = mixtures.Count == 0 ? double.NaN
            : mixtures.Average(r => r.Axes.Zip(r.Entry.Target(), (a, t) => Math.Abs(a - t)).Average());
        int bothOnTop = mixtures.Count(r =>
        {
            double[] target = r.Entry.Target();
            double weakest = target.Select((t, i) => t > 0 ? r.Axes[i] : double.MaxValue).Min();
            return weakest > 0 && target.Select((t, i) => t > 0 || r.Axes[i] < weakest).All(x => x);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {title,-22} top axis right {correct}/{family.Count} ({Ratio(correct, family.Count)}), no embedding {empty}/{family.Count} ({Ratio(empty, family.Count)}), 'none' kept near zero {noneRight}/{noneAll}, mixtures: both on top {bothOnTop}/{mixtures.Count}, mean |axis error| {mae:F3}"));
    }

    private static string Ratio(int a, int b) => b == 0 ? "-" : ((double)a / b).ToString("P0", CultureInfo.InvariantCulture);
}

/// <summary>Replays decoded samples, so the timed analysis does not include ffmpeg.</summary>
internal sealed class MemoryReader(AudioFormat format, float[] samples) : IAudioReader
{
    private int _position;

    public AudioFormat Format { get; } = format;

    public long? TotalFrames => samples.Length / Format.Channels;

    public TimeSpan? Duration => TimeSpan.FromSeconds((double)samples.Length / Format.Channels / Format.SampleRate);

    public int Read(Span<float> destination)
    {
        int n = Math.Min(destination.Length / Format.Channels * Format.Channels, samples.Length - _position);
        samples.AsSpan(_position, n).CopyTo(destination);
        _position += n;
        return n;
    }

    public void Dispose()
    {
    }
}
