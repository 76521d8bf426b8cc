using Soundscape.Audio;
using Soundscape.Audio.Playback;

namespace Soundscape.PlayerAgent.Playback;

/// <summary>
/// Makes the engine's output endless for the pump: where the crossfade queue runs dry, silence follows, and reading
/// goes on (the queue continues as soon as something is enqueued). When the pump is not paced in real time, an idle
/// read waits briefly for the next item (<see cref="Wake"/>) instead of spinning out silence as fast as the CPU goes.
/// </summary>
public sealed class ContinuousSource(ISampleProvider source, bool realTime) : ISampleProvider, IAudioFormatted
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(20);
    private readonly SemaphoreSlim wake = new(0);

    public AudioFormat Format => source.Format;

    public WaveFormat WaveFormat => source.WaveFormat;

    /// <summary>Frames of silence written because nothing was playing.</summary>
    public long SilentFrames { get; private set; }

    /// <summary>Frames of audio (not padding) produced so far.</summary>
    public long AudioFrames { get; private set; }

    /// <summary>Called after enqueueing: an idle, unpaced read stops waiting.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
            wake.Release();
    }

    public int Read(Span<float> buffer)
    {
        var read = source.Read(buffer);
        if (read < buffer.Length)
        {
            buffer[read..].Clear();
            SilentFrames += (buffer.Length - read) / Format.Channels;
            if (read == 0 && !realTime)
                wake.Wait(IdleWait);
        }
        AudioFrames += read / Format.Channels;
        return buffer.Length;
    }
}
