namespace Soundscape.Audio.Playback;

/// <summary>One layer of a <see cref="LayerMixer"/>: its converted, delayed source and its live volume.</summary>
public sealed class MixerLayer
{
    private float _volume;

    internal MixerLayer(ISampleProvider chain, LayerOptions options)
    {
        Chain = chain;
        Loops = options.Loop;
        DelaySeconds = options.DelaySeconds;
        _volume = LayerOptions.CheckVolume(options.Volume);
        AppliedVolume = _volume;
    }

    /// <summary>
    /// Linear gain from 0 to 1. May be changed while the mix plays, from any thread: the next block ramps from the old
    /// gain to the new one, so a change never steps the waveform (no click, no zipper noise).
    /// </summary>
    public float Volume
    {
        get => _volume;
        set => _volume = LayerOptions.CheckVolume(value);
    }

    public bool Loops { get; }

    public double DelaySeconds { get; }

    /// <summary>True once a non-looping layer has played its last sample.</summary>
    public bool Ended { get; internal set; }

    internal ISampleProvider Chain { get; }

    /// <summary>The gain the last block ended at; differs from <see cref="Volume"/> only until the next block.</summary>
    internal float AppliedVolume { get; set; }
}
