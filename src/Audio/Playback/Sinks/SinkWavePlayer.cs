using NAudio.Wave.SampleProviders;

namespace Soundscape.Audio.Playback.Sinks;

/// <summary>
/// NAudio's <see cref="IWavePlayer"/> for the outputs NAudio.Core has none of on Linux: ALSA (<see cref="AlsaSink"/>),
/// a WAV file (<see cref="WavFileSink"/>) and nothing (<see cref="NullSink"/>). <see cref="Play"/> starts a dedicated
/// thread that pulls blocks from the provider given to <see cref="Init"/> and writes them to the sink, as NAudio's
/// own players pull on their thread.
/// </summary>
/// <remarks>
/// The provider must be IEEE float, 32-bit (what <c>player.Init(ISampleProvider)</c> from NAudio's extensions hands
/// over). A provider returning 0 ends playback. <see cref="Stop"/> stops and closes the sink (a WAV file is finished);
/// <see cref="PlaybackStopped"/> then fires once, with the exception when the sink or the provider failed.
/// <see cref="Completion"/> is the same end as a task. Pause is not supported: a room's sound is either playing or
/// stopped. <see cref="Volume"/> is applied by NAudio's <see cref="VolumeSampleProvider"/> in front of the sink.
/// </remarks>
public sealed class SinkWavePlayer : IWavePlayer
{
    private readonly IAudioSink _sink;
    private readonly PlaybackPump _pump;
    private readonly TaskCompletionSource<long> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private VolumeSampleProvider? _source;
    private CancellationTokenSource? _stop;

    /// <param name="sink">Where the samples go; opened by <see cref="Play"/>, closed when playback stops.</param>
    /// <param name="options">Block size and real-time pacing of the pulling thread.</param>
    public SinkWavePlayer(IAudioSink sink, PlaybackPumpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
        _pump = new PlaybackPump(options);
    }

    /// <summary>The sink's description, for logs.</summary>
    public string Name => _sink.Name;

    public PlaybackState PlaybackState { get; private set; } = PlaybackState.Stopped;

    public WaveFormat OutputWaveFormat => _source?.WaveFormat ?? throw new InvalidOperationException("The player has not been initialised.");

    /// <summary>Linear gain 0..1 of the whole output.</summary>
    public float Volume
    {
        get => _source?.Volume ?? 1f;
        set
        {
            if (!float.IsFinite(value) || value is < 0f or > 1f)
                throw new ArgumentOutOfRangeException(nameof(value), value, "The output volume is a linear gain from 0 to 1.");
            (_source ?? throw new InvalidOperationException("The player has not been initialised.")).Volume = value;
        }
    }

    /// <summary>Frames written by the playback that ended; faulted with its exception when it failed.</summary>
    public Task<long> Completion => _done.Task;

    public event EventHandler<StoppedEventArgs>? PlaybackStopped;

    /// <exception cref="ArgumentException">The provider is not IEEE float, 32-bit.</exception>
    public void Init(IWaveProvider waveProvider)
    {
        ArgumentNullException.ThrowIfNull(waveProvider);
        if (_source is not null)
            throw new InvalidOperationException("The player is already initialised.");
        var format = waveProvider.WaveFormat;
        var encoding = format is WaveFormatExtensible extensible ? extensible.ToStandardWaveFormat().Encoding : format.Encoding;
        if (encoding != WaveFormatEncoding.IeeeFloat || format.BitsPerSample != 32)
            throw new ArgumentException($"The output plays IEEE float 32-bit samples, not {format}.", nameof(waveProvider));
        _source = new VolumeSampleProvider(new WaveToSampleProvider(waveProvider));
    }

    public void Play()
    {
        var source = _source ?? throw new InvalidOperationException("The player has not been initialised.");
        if (PlaybackState == PlaybackState.Playing)
            return;
        if (_stop is not null)
            throw new InvalidOperationException("The player has stopped; it plays once.");
        _stop = new CancellationTokenSource();
        PlaybackState = PlaybackState.Playing;
        var token = _stop.Token;
        var thread = new Thread(() => Pump(source, token)) { IsBackground = true, Name = "Soundscape audio output" };
        thread.Start();
    }

    public void Stop() => _stop?.Cancel();

    /// <summary>Pause is refused: the engine has no paused state.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public void Pause() => throw new NotSupportedException("The output plays or stops; it does not pause.");

    public void Dispose()
    {
        Stop();
        // The pulling thread closes the sink when it stops; wait for that before the sink is disposed under it.
        if (_stop is not null)
            ((IAsyncResult)_done.Task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5));
        _sink.Dispose();
    }

    private void Pump(ISampleProvider source, CancellationToken token)
    {
        Exception? failure = null;
        long frames = 0;
        try
        {
            frames = _pump.Run(source, _sink, token);
        }
        catch (Exception e)
        {
            failure = e;
        }
        PlaybackState = PlaybackState.Stopped;
        PlaybackStopped?.Invoke(this, new StoppedEventArgs(failure));
        if (failure is null)
            _done.SetResult(frames);
        else
            _done.SetException(failure);
    }
}
