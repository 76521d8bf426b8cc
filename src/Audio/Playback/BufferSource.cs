namespace Soundscape.Audio.Playback;

/// <summary>
/// Plays interleaved samples held in memory (a decoded file, a synthesized tone). A mixer adds them straight from
/// the array (<see cref="IAddingSampleProvider"/>), without copying them first.
/// </summary>
public sealed class BufferSource : IAddingSampleProvider, IRewindable, IAudioFormatted
{
    private readonly float[] _samples;
    private int _position;

    public BufferSource(float[] samples, AudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length % format.Channels != 0)
            throw new ArgumentException(
                $"The buffer holds {samples.Length} samples, not a whole number of {format.Channels}-channel frames.",
                nameof(samples));
        _samples = samples;
        Format = format;
        WaveFormat = format.ToWaveFormat();
    }

    public AudioFormat Format { get; }

    public WaveFormat WaveFormat { get; }

    public long LengthFrames => _samples.Length / Format.Channels;

    public int Read(Span<float> buffer)
    {
        var count = Next(buffer.Length);
        _samples.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public int ReadAdding(Span<float> destination, float gain, Span<float> scratch)
    {
        var count = Next(destination.Length);
        VectorMath.AddScaled(destination, _samples.AsSpan(_position, count), gain);
        _position += count;
        return count;
    }

    public void Rewind() => _position = 0;

    /// <summary>How many samples the next read of up to <paramref name="wanted"/> gives: whole frames, up to the end.</summary>
    private int Next(int wanted)
    {
        var count = Math.Min(wanted, _samples.Length - _position);
        return count - count % Format.Channels;
    }
}
