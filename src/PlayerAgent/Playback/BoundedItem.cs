using Soundscape.Audio;
using Soundscape.Audio.Playback;

namespace Soundscape.PlayerAgent.Playback;

/// <summary>
/// One item as the engine plays it: at most <see cref="LimitFrames"/> frames of its provider (the item's announced
/// duration), and an end instead of an exception when the provider fails while playing (a decoder that breaks, a
/// looping layer whose file cannot be reopened).
/// </summary>
/// <remarks>
/// Either way the provider's short read is what the <see cref="CrossfadeQueue"/> takes as the item's end, so it fades
/// the item out and raises ItemEnded: the director reports <c>ended</c> as for any other item. An exception must not
/// reach the queue: it would come out of the output's read on the audio thread and stop the room's sound altogether.
/// </remarks>
public sealed class BoundedItem : ISampleProvider, IAudioFormatted
{
    private readonly ISampleProvider inner;
    private readonly Action<Exception>? onFault;

    /// <param name="inner">The item's audio.</param>
    /// <param name="limit">How long it may play; it is cut there even when its audio goes on.</param>
    /// <param name="onFault">Told (on the audio thread) when <paramref name="inner"/> threw; the item has ended then.</param>
    public BoundedItem(ISampleProvider inner, TimeSpan limit, Action<Exception>? onFault = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, TimeSpan.Zero);
        this.inner = inner;
        this.onFault = onFault;
        LimitFrames = (long)Math.Round(limit.TotalSeconds * inner.Format.SampleRate);
    }

    public AudioFormat Format => inner.Format;

    public WaveFormat WaveFormat => inner.WaveFormat;

    /// <summary>The most frames this item plays.</summary>
    public long LimitFrames { get; }

    /// <summary>Frames played so far.</summary>
    public long FramesPlayed { get; private set; }

    /// <summary>True once the item reached <see cref="LimitFrames"/> (its audio may have had more).</summary>
    public bool ReachedLimit => FramesPlayed >= LimitFrames;

    /// <summary>What the provider threw, which ended the item; null while it plays or when it ended by itself.</summary>
    public Exception? Fault { get; private set; }

    public int Read(Span<float> buffer)
    {
        if (Fault is not null || ReachedLimit)
            return 0;
        var channels = Format.Channels;
        var frames = (int)Math.Min(buffer.Length / channels, LimitFrames - FramesPlayed);
        int read;
        try
        {
            read = inner.Read(buffer[..(frames * channels)]);
        }
        catch (Exception ex)
        {
            Fault = ex;
            onFault?.Invoke(ex);
            return 0;
        }
        FramesPlayed += read / channels;
        return read;
    }

    /// <summary>
    /// How long a queue item may play: its announced duration (the sound's, or the mix's), at most a day. An item that
    /// announces none (0 or not finite) gets the day too, so even a mix of looping layers comes to an end.
    /// </summary>
    public static TimeSpan LimitOf(double announcedSeconds) =>
        TimeSpan.FromSeconds(double.IsFinite(announcedSeconds) && announcedSeconds > 0
            ? Math.Min(announcedSeconds, Application.Devices.Common.DeviceProtocol.MaxItemSeconds)
            : Application.Devices.Common.DeviceProtocol.MaxItemSeconds);
}
