namespace Soundscape.Audio.Playback;

/// <summary>How a <see cref="PlaybackPump"/> moves samples.</summary>
public sealed record PlaybackPumpOptions
{
    /// <summary>Frames per block pulled from the source and written to the sink.</summary>
    public int BlockFrames { get; init; } = 1024;

    /// <summary>
    /// Hold the pump to real time. Off by default: a sound card paces itself by blocking in Write, and files and the
    /// null output should render as fast as the CPU allows. Turn on for a sink that does not block (e.g. a network
    /// stream) so the pump stays at most <see cref="MaxLead"/> ahead of the clock.
    /// </summary>
    public bool RealTime { get; init; }

    public TimeSpan MaxLead { get; init; } = TimeSpan.FromMilliseconds(200);
}
