namespace Soundscape.Audio.Playback;

/// <summary>
/// Plays silence for a number of frames, then the source: a layer's start delay, exact to the frame. An adding read
/// adds nothing for the silence and passes the rest through to the source.
/// </summary>
public sealed class DelayProvider : IAddingSampleProvider
{
    private readonly ISampleProvider _source;
    private long _silentSamplesLeft;

    public DelayProvider(ISampleProvider source, long delayFrames)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(delayFrames);
        _source = source;
        _silentSamplesLeft = delayFrames * source.Format.Channels;
    }

    public AudioFormat Format => _source.Format;

    public int Read(Span<float> buffer)
    {
        var silent = (int)Math.Min(buffer.Length, _silentSamplesLeft);
        buffer[..silent].Clear();
        _silentSamplesLeft -= silent;
        return silent == buffer.Length ? silent : silent + _source.Read(buffer[silent..]);
    }

    public int ReadAdding(Span<float> destination, float gain, Span<float> scratch)
    {
        var silent = (int)Math.Min(destination.Length, _silentSamplesLeft);
        _silentSamplesLeft -= silent;
        return silent == destination.Length ? silent : silent + _source.ReadAdding(destination[silent..], gain, scratch);
    }
}
