using Soundscape.Audio.Analysis;
using Soundscape.Audio.Synthesis;

namespace Soundscape.Audio.UnitTests.Analysis;

/// <summary>Issue 15: long recordings are judged across their whole length, and non-finite samples do no harm.</summary>
public sealed class WholeRecordingTests
{
    private const int Rate = 22_050;

    [Test]
    public void Analyze_RainAfterTwoMinutesOfSilenceWithNaNs_PutsRainOnTopWithFiniteAxes()
    {
        float[] rain = SoundGenerators.Rain(60, Rate, 1);
        var samples = new float[(120 * Rate) + rain.Length];
        rain.CopyTo(samples, 120 * Rate);
        for (int i = 120 * Rate; i < samples.Length; i += 10_007)
            samples[i] = float.NaN;

        using var reader = new ArrayReader(samples);
        double[] axes = new EmbeddingAnalyzer().Analyze(reader).Embedding.ToArray();

        axes.ShouldAllBe(a => double.IsFinite(a));
        axes[0].ShouldBeGreaterThan(0.05, $"[{string.Join(", ", axes.Select(a => a.ToString("F2")))}]");
        axes[0].ShouldBe(axes.Max());
    }

    private sealed class ArrayReader(float[] samples) : IAudioReader
    {
        private int _position;

        public AudioFormat Format { get; } = new(Rate, 1);

        public long? TotalFrames => null;

        public TimeSpan? Duration => null;

        public int Read(Span<float> destination)
        {
            int n = Math.Min(destination.Length, samples.Length - _position);
            samples.AsSpan(_position, n).CopyTo(destination);
            _position += n;
            return n;
        }

        public void Dispose()
        {
        }
    }
}
