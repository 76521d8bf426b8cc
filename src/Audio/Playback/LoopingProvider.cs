namespace Soundscape.Audio.Playback;

/// <summary>
/// Repeats a source forever. The seam is sample-exact: the first sample of the next pass directly follows the last
/// sample of the previous one inside the same buffer, with no gap and no fade, so a clip cut at a whole number of
/// periods (or cut to be loopable) loops without a click. A clip that does not loop cleanly clicks, as it would in
/// any sampler; fixing that belongs to the clip, not to the player. Adding reads pass through to the source (copy-free
/// when it is in memory).
/// </summary>
public sealed class LoopingProvider : IAddingSampleProvider, IAudioFormatted
{
    private readonly ISampleProvider _source;
    private readonly IRewindable _rewindable;

    public LoopingProvider(ISampleProvider source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _rewindable = source as IRewindable
            ?? throw new ArgumentException($"Looping needs a source that can rewind; {source.GetType().Name} cannot.", nameof(source));
        _source = source;
    }

    public AudioFormat Format => _source.Format;

    public WaveFormat WaveFormat => _source.WaveFormat;

    public int Read(Span<float> buffer) => Loop(buffer, adding: false, 0f, default);

    public int ReadAdding(Span<float> destination, float gain, Span<float> scratch) => Loop(destination, adding: true, gain, scratch);

    private int Loop(Span<float> buffer, bool adding, float gain, Span<float> scratch)
    {
        var written = 0;
        var emptyPasses = 0;
        while (written < buffer.Length)
        {
            var read = adding
                ? _source.ReadAdding(buffer[written..], gain, scratch)
                : _source.Read(buffer[written..]);
            written += read;
            if (written == buffer.Length)
                break;
            // Two rewinds in a row that yield nothing mean the source is empty: end instead of spinning forever.
            emptyPasses = read == 0 ? emptyPasses + 1 : 0;
            if (emptyPasses == 2)
                break;
            _rewindable.Rewind();
        }
        return written;
    }
}
