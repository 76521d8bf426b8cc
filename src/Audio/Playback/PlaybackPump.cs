using System.Diagnostics;
using Soundscape.Audio.Playback.Sinks;

namespace Soundscape.Audio.Playback;

/// <summary>Pulls fixed blocks from a provider and writes them to a sink until the provider ends or it is cancelled.</summary>
public sealed class PlaybackPump
{
    private readonly PlaybackPumpOptions _options;

    public PlaybackPump(PlaybackPumpOptions? options = null)
    {
        _options = options ?? new PlaybackPumpOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.BlockFrames);
    }

    /// <summary>
    /// Opens the sink in the source's format, pumps, and closes the sink (also on cancellation or error).
    /// Returns the number of frames written. Runs on the calling thread: give it a dedicated one in a player.
    /// </summary>
    public long Run(ISampleProvider source, IAudioSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        var format = source.Format;
        var buffer = new float[_options.BlockFrames * format.Channels];
        var clock = _options.RealTime ? Stopwatch.StartNew() : null;
        long frames = 0;
        sink.Open(format);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var read = source.Read(buffer);
                if (read > 0)
                {
                    sink.Write(buffer.AsSpan(0, read));
                    frames += read / format.Channels;
                }
                if (read < buffer.Length)
                    break;
                if (clock is not null)
                    WaitForClock(clock, frames, format.SampleRate, cancellationToken);
            }
        }
        finally
        {
            sink.Close();
        }
        return frames;
    }

    /// <summary><see cref="Run"/> on a long-running background thread.</summary>
    public Task<long> RunAsync(ISampleProvider source, IAudioSink sink, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(
            () => Run(source, sink, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private void WaitForClock(Stopwatch clock, long frames, int sampleRate, CancellationToken cancellationToken)
    {
        var lead = TimeSpan.FromSeconds((double)frames / sampleRate) - clock.Elapsed;
        if (lead > _options.MaxLead)
            cancellationToken.WaitHandle.WaitOne(lead - _options.MaxLead);
    }
}
