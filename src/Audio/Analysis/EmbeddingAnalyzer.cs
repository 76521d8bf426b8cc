namespace Soundscape.Audio.Analysis;

/// <summary>
/// Computes a sound's embedding from its audio: mixes it down to mono by its channel layout (<see cref="Downmix"/>:
/// the centre counts, LFE does not) at its own sample rate (no resampling),
/// measures <see cref="AcousticFeatures"/> on at most the first <see cref="MaxAnalyzed"/> and maps them with
/// <see cref="EmbeddingMapping"/>. Deterministic: the same audio always gives the same result.
/// </summary>
public sealed class EmbeddingAnalyzer
{
    public static readonly TimeSpan DefaultMaxAnalyzed = TimeSpan.FromSeconds(120);

    public EmbeddingAnalyzer(TimeSpan? maxAnalyzed = null)
    {
        MaxAnalyzed = maxAnalyzed ?? DefaultMaxAnalyzed;
        if (MaxAnalyzed <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(maxAnalyzed), maxAnalyzed, "The analysed length must be positive.");
    }

    /// <summary>Long files are judged by their beginning: ambient sounds keep their character, and import stays fast.</summary>
    public TimeSpan MaxAnalyzed { get; }

    /// <summary>Reads up to <see cref="MaxAnalyzed"/> of <paramref name="reader"/> (not disposing it) and analyses it.</summary>
    public EmbeddingAnalysis Analyze(IAudioReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int channels = reader.Format.Channels;
        int sampleRate = reader.Format.SampleRate;
        long maxFrames = (long)(MaxAnalyzed.TotalSeconds * sampleRate);
        int capacity = (int)Math.Min(maxFrames, reader.TotalFrames ?? maxFrames);
        var mono = new float[capacity];
        var buffer = new float[8192 * channels];
        float[] weights = Downmix.Matrix(reader.Format.Layout, ChannelLayout.Mono);
        int frames = 0;
        while (frames < maxFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int wanted = (int)Math.Min(buffer.Length / channels, maxFrames - frames) * channels;
            int got = reader.Read(buffer.AsSpan(0, wanted));
            if (got == 0)
                break;
            int gotFrames = got / channels;
            if (frames + gotFrames > mono.Length)
                Array.Resize(ref mono, (int)Math.Min(maxFrames, Math.Max(mono.Length * 2L, frames + gotFrames)));
            MixDown(buffer.AsSpan(0, got), weights, mono.AsSpan(frames, gotFrames));
            frames += gotFrames;
        }

        return Analyze(mono.AsSpan(0, frames), sampleRate);
    }

    /// <summary>Analyses mono samples at <paramref name="sampleRate"/> (only the first <see cref="MaxAnalyzed"/>).</summary>
    public EmbeddingAnalysis Analyze(ReadOnlySpan<float> mono, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        long maxFrames = (long)(MaxAnalyzed.TotalSeconds * sampleRate);
        if (mono.Length > maxFrames)
            mono = mono[..(int)maxFrames];
        AcousticFeatures features = FeatureExtractor.Extract(mono, sampleRate);
        return new EmbeddingAnalysis(EmbeddingMapping.Map(features), features);
    }

    private static void MixDown(ReadOnlySpan<float> interleaved, float[] weights, Span<float> mono)
    {
        int channels = weights.Length;
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
                sum += weights[c] * interleaved[(i * channels) + c];
            mono[i] = sum;
        }
    }
}
