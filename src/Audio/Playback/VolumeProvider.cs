namespace Soundscape.Audio.Playback;

/// <summary>Scales a source by a linear gain that may change between reads.</summary>
public sealed class VolumeProvider : ISampleProvider
{
    private readonly ISampleProvider _source;
    private float _volume = 1f;

    public VolumeProvider(ISampleProvider source, float volume = 1f)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        Volume = volume;
    }

    public AudioFormat Format => _source.Format;

    /// <summary>Linear gain from 0 (silent) to 1 (unchanged); the engine never amplifies a layer.</summary>
    public float Volume
    {
        get => _volume;
        set => _volume = LayerOptions.CheckVolume(value);
    }

    public int Read(Span<float> buffer)
    {
        var read = _source.Read(buffer);
        if (_volume != 1f)
            VectorMath.Scale(buffer[..read], _volume);
        return read;
    }
}
