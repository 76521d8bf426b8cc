namespace Soundscape.Audio.Playback;

/// <summary>Plays interleaved samples held in memory (a decoded file, a synthesized tone).</summary>
public sealed class BufferSource : ISampleProvider, IRewindable
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
    }

    public AudioFormat Format { get; }

    public long LengthFrames => _samples.Length / Format.Channels;

    public int Read(Span<float> buffer)
    {
        var count = Math.Min(buffer.Length, _samples.Length - _position);
        count -= count % Format.Channels;
        _samples.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public void Rewind() => _position = 0;
}
