namespace Soundscape.Audio.Analysis;

/// <summary>
/// Computes a sound's embedding from its audio: mixes it down to mono by its channel layout (<see cref="Downmix"/>:
/// the centre counts, LFE does not), silences non-finite samples, optionally resamples it (<see cref="TargetRate"/>), measures
/// <see cref="AcousticFeatures"/> on at most <see cref="MaxAnalyzed"/> spread across the recording and maps them with
/// <see cref="EmbeddingMapping"/>. Deterministic: the same audio always gives the same result.
/// </summary>
public sealed class EmbeddingAnalyzer
{
    public static readonly TimeSpan DefaultMaxAnalyzed = TimeSpan.FromSeconds(120);

    /// <param name="maxAnalyzed">How much of a long recording is measured (default 120 s).</param>
    /// <param name="analysisRate">
    /// Resample to this rate before measuring, or null to measure at the file's own rate. The default,
    /// <see cref="AnalysisRate"/>, measures every file on the same 0–7.2 kHz band, so its format and rate do not change
    /// the result (issue 15); the committed model was trained at that rate.
    /// </param>
    /// <param name="model">The mapping from features to axes; null for <see cref="EmbeddingModel.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is under 8 kHz, or the length is not positive.</exception>
    public EmbeddingAnalyzer(TimeSpan? maxAnalyzed = null, int? analysisRate = AnalysisRate, EmbeddingModel? model = null)
    {
        _model = model;
        if (analysisRate is < 8000)
            throw new ArgumentOutOfRangeException(nameof(analysisRate), analysisRate, "The analysis rate must be at least 8 kHz.");
        TargetRate = analysisRate;
        MaxAnalyzed = maxAnalyzed ?? DefaultMaxAnalyzed;
        if (MaxAnalyzed <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(maxAnalyzed), maxAnalyzed, "The analysed length must be positive.");
    }

    /// <summary>How much of a long file is measured, in stretches spread across it; import stays fast.</summary>
    public TimeSpan MaxAnalyzed { get; }

    private readonly EmbeddingModel? _model;

    /// <summary>The single analysis rate (issue 15): every file measured on the same 0–7.2 kHz band.</summary>
    public const int AnalysisRate = 16_000;

    /// <summary>The rate audio is resampled to before measuring, or null for the file's own rate.</summary>
    public int? TargetRate { get; }

    // Long recordings are measured on evenly spread 30 s stretches (at most MaxAnalyzed in all) across their whole
    // length: a chunk is kept when its index is a multiple of the stride, and when too many are kept every other one
    // goes and the stride doubles. The length need not be known in advance (ffmpeg streams cannot tell it).
    private const double ChunkSeconds = 30;

    /// <summary>
    /// Reads all of <paramref name="reader"/> (not disposing it): mixes it down to mono, replaces non-finite samples
    /// with silence, resamples to <see cref="TargetRate"/> when set, keeps at most <see cref="MaxAnalyzed"/> spread across
    /// the whole recording, and analyses that.
    /// </summary>
    public EmbeddingAnalysis Analyze(IAudioReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int channels = reader.Format.Channels;
        var buffer = new float[8192 * channels];
        var mono = new float[8192];
        float[] weights = Downmix.Matrix(reader.Format.Layout, ChannelLayout.Mono);
        int rate = TargetRate ?? reader.Format.SampleRate;
        var resampler = reader.Format.SampleRate == rate ? null : new AnalysisResampler(reader.Format.SampleRate, rate);
        int chunkLength = (int)(ChunkSeconds * rate);
        int maxChunks = Math.Max(1, (int)Math.Ceiling(MaxAnalyzed.TotalSeconds / ChunkSeconds));
        var kept = new List<float[]>();
        var current = new List<float>(chunkLength);
        int chunkIndex = 0, stride = 1;

        void Collect(List<float> samples)
        {
            int from = 0;
            while (from < samples.Count)
            {
                int take = Math.Min(chunkLength - current.Count, samples.Count - from);
                current.AddRange(samples.GetRange(from, take));
                from += take;
                if (current.Count == chunkLength)
                    CloseChunk();
            }

            samples.Clear();
        }

        void CloseChunk()
        {
            if (chunkIndex % stride == 0)
            {
                kept.Add([.. current]);
                if (kept.Count > maxChunks)
                {
                    for (int i = kept.Count - 1; i >= 0; i--)
                    {
                        if (i % 2 == 1)
                            kept.RemoveAt(i);
                    }

                    stride *= 2;
                }
            }

            chunkIndex++;
            current.Clear();
        }

        var resampled = new List<float>();
        int got;
        while ((got = reader.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int gotFrames = got / channels;
            MixDown(buffer.AsSpan(0, got), weights, mono.AsSpan(0, gotFrames));
            if (resampler is null)
                resampled.AddRange(mono.AsSpan(0, gotFrames));
            else
                resampler.Push(mono.AsSpan(0, gotFrames), resampled);
            Collect(resampled);
        }

        resampler?.Flush(resampled);
        Collect(resampled);
        if (current.Count > 0 && chunkIndex % stride == 0)
            kept.Add([.. current]);

        float[] all = kept.SelectMany(c => c).ToArray();
        return Analyze(all, rate);
    }

    /// <summary>
    /// Analyses mono samples at <paramref name="sampleRate"/>: non-finite samples become silence, the audio is
    /// resampled to <see cref="TargetRate"/> when set, and only the first <see cref="MaxAnalyzed"/> is measured.
    /// </summary>
    public EmbeddingAnalysis Analyze(ReadOnlySpan<float> mono, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1000);
        long maxFrames = (long)(MaxAnalyzed.TotalSeconds * sampleRate);
        if (mono.Length > maxFrames)
            mono = mono[..(int)maxFrames];
        int rate = TargetRate ?? sampleRate;
        float[] samples;
        if (sampleRate == rate)
        {
            samples = mono.ToArray();
        }
        else
        {
            var output = new List<float>((int)((long)mono.Length * rate / sampleRate) + 16);
            var resampler = new AnalysisResampler(sampleRate, rate);
            resampler.Push(mono, output);
            resampler.Flush(output);
            long expected = (long)mono.Length * rate / sampleRate;
            samples = output.Take((int)expected).ToArray();
        }

        for (int i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
                samples[i] = 0;
        }

        AcousticFeatures features = FeatureExtractor.Extract(samples, rate);
        return new EmbeddingAnalysis((_model ?? EmbeddingModel.Default).Map(features), features);
    }

    private static void MixDown(ReadOnlySpan<float> interleaved, float[] weights, Span<float> mono)
    {
        int channels = weights.Length;
        for (int i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
            {
                float sample = interleaved[(i * channels) + c];
                sum += float.IsFinite(sample) ? weights[c] * sample : 0; // a NaN would poison every later frame
            }

            mono[i] = sum;
        }
    }
}
