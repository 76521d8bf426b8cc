using NAudio.Wave.SampleProviders;

namespace Soundscape.Audio.Playback;

/// <summary>
/// Mixes up to <see cref="MaxLayers"/> layers into one output format, each with its volume, loop and start delay.
/// </summary>
/// <remarks>
/// Every layer's source is converted to the mixer's format when it is added (<see cref="FormatConversion"/>), looped
/// at its own rate (so the seam is sample-exact) and delayed in output frames by NAudio's OffsetSampleProvider (so the
/// delay is exact). The converters are NAudio's too (<see cref="FormatConversion"/>).
/// <para>
/// When the mix ends: once every non-looping layer has ended. Looping layers never end by themselves, so a mix made
/// only of looping layers plays until <see cref="Duration"/> (when set) or forever; a mix with no layers is ended.
/// <see cref="Duration"/>, when set, also cuts a longer mix short.
/// </para>
/// <para>
/// <see cref="Read"/> allocates nothing: one scratch buffer is sized at construction and grows only when a caller
/// passes a larger buffer than ever before. Layers are summed with <see cref="System.Numerics.Vector{T}"/>, each
/// scaled by its volume in the same pass; a layer whose chain can add in place (<see cref="IAddingSampleProvider"/>:
/// an in-memory source, looped or not, with no conversion or delay) is summed straight from its samples, others are
/// read into the scratch buffer first. The block after a volume change is ramped from the scratch buffer. The sum
/// may exceed full scale; put a <see cref="Limiter"/> after the mixer.
/// </para>
/// </remarks>
public sealed class LayerMixer : ISampleProvider, IAudioFormatted
{
    public const int MaxLayers = 16;

    private readonly List<MixerLayer> _layers = new(MaxLayers);
    private float[] _scratch;
    private long _framesRendered;
    private long _durationFrames = long.MaxValue;
    private TimeSpan? _duration;

    public LayerMixer(AudioFormat format, int expectedBlockFrames = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedBlockFrames);
        Format = format;
        WaveFormat = format.ToWaveFormat();
        _scratch = new float[expectedBlockFrames * format.Channels];
    }

    public AudioFormat Format { get; }

    public WaveFormat WaveFormat { get; }

    public IReadOnlyList<MixerLayer> Layers => _layers;

    /// <summary>Optional length of the whole mix; required for a mix of looping layers to end.</summary>
    public TimeSpan? Duration
    {
        get => _duration;
        set
        {
            if (value is { } d && d < TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(value), value, "A mix duration cannot be negative.");
            _duration = value;
            _durationFrames = value is { } length
                ? (long)Math.Round(length.TotalSeconds * Format.SampleRate)
                : long.MaxValue;
        }
    }

    /// <summary>Adds a layer; its source may have any format. Not thread-safe: add layers before playback starts,
    /// or from the thread that reads.</summary>
    public MixerLayer AddLayer(ISampleProvider source, LayerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new LayerOptions();
        if (_layers.Count == MaxLayers)
            throw new InvalidOperationException(
                $"A mix has at most {MaxLayers} layers; this one already has {MaxLayers}, so another cannot be added.");
        LayerOptions.CheckVolume(options.Volume);
        var delaySeconds = LayerOptions.CheckDelay(options.DelaySeconds);

        var chain = options.Loop ? new LoopingProvider(source) : source;
        chain = chain.ConvertTo(Format);
        var delayFrames = (long)Math.Round(delaySeconds * Format.SampleRate);
        if (delayFrames > 0)
            chain = new OffsetSampleProvider(chain) { DelayBySamples = checked((int)(delayFrames * Format.Channels)) };

        var layer = new MixerLayer(chain, options);
        _layers.Add(layer);
        return layer;
    }

    public int Read(Span<float> buffer)
    {
        var channels = Format.Channels;
        // Clamped: a Duration shortened below what has already played ends the mix rather than failing.
        var framesLeft = Math.Max(0, _durationFrames - _framesRendered);
        var wanted = (int)Math.Min(buffer.Length / channels, framesLeft) * channels;
        var output = buffer[..wanted];
        output.Clear();
        if (_scratch.Length < wanted)
            _scratch = new float[wanted];
        var scratch = _scratch.AsSpan(0, wanted);

        var finiteLayers = 0;
        var finiteStillPlaying = false;
        var longestFinite = 0;
        for (var i = 0; i < _layers.Count; i++)
        {
            var layer = _layers[i];
            if (!layer.Loops)
                finiteLayers++;
            if (layer.Ended)
                continue;
            var volume = layer.Volume;
            int read;
            if (volume == layer.AppliedVolume)
            {
                // Steady volume: one pass that scales while it sums; copy-free for in-memory sources.
                read = layer.Chain.ReadAdding(output, volume, scratch);
            }
            else
            {
                read = layer.Chain.Read(scratch);
                if (read > 0)
                {
                    VectorMath.AddRamped(output, scratch[..read], layer.AppliedVolume, volume, channels);
                    layer.AppliedVolume = volume;
                }
            }
            if (layer.Loops)
                continue;
            longestFinite = Math.Max(longestFinite, read);
            if (read < wanted)
                layer.Ended = true;
            else
                finiteStillPlaying = true;
        }

        // A mix with no layers, or whose non-looping layers have all ended, ends with its longest layer.
        var produced = _layers.Count == 0 ? 0
            : finiteLayers > 0 && !finiteStillPlaying ? longestFinite
            : wanted;
        _framesRendered += produced / channels;
        return produced;
    }
}
