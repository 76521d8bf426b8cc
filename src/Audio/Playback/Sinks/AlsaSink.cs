namespace Soundscape.Audio.Playback.Sinks;

/// <summary>
/// Plays through ALSA (libasound.so.2, via P/Invoke) as interleaved float32; ALSA converts to what the card takes.
/// </summary>
/// <remarks>
/// Write blocks until the card has room, so the card paces playback. An underrun (the writer fell behind) or a
/// suspend is recovered with snd_pcm_recover and the write retried; anything else ends in an
/// <see cref="AudioOutputException"/>. Any failure to open — no card, an unknown device, libasound not installed —
/// is an <see cref="AudioOutputException"/> that starts "ALSA output '&lt;device&gt;' could not open: ".
/// </remarks>
public sealed class AlsaSink : IAudioSink
{
    private const uint DefaultLatencyMicroseconds = 100_000;
    private readonly IAlsaApi _alsa;
    private readonly uint _latencyMicroseconds;
    private IntPtr _pcm;
    private int _channels;

    public AlsaSink(string device = "default", TimeSpan? latency = null)
        : this(device, latency, AlsaNative.Instance)
    {
    }

    internal AlsaSink(string device, TimeSpan? latency, IAlsaApi alsa)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        Device = device;
        _alsa = alsa;
        _latencyMicroseconds = latency is { } l
            ? (uint)Math.Clamp(l.TotalMicroseconds, 10_000, 2_000_000)
            : DefaultLatencyMicroseconds;
    }

    public string Device { get; }

    public string Name => $"ALSA '{Device}'";

    public void Open(AudioFormat format)
    {
        if (_pcm != IntPtr.Zero)
            throw new InvalidOperationException($"ALSA output '{Device}' is already open.");
        try
        {
            var error = _alsa.Open(out var pcm, Device);
            if (error < 0)
                throw CannotOpen(
                    $"{_alsa.Describe(error)}; is there a sound card, and is the device name right? ('aplay -L' lists the devices)");
            error = _alsa.SetParams(pcm, format, _latencyMicroseconds);
            if (error < 0)
            {
                _alsa.Close(pcm);
                throw CannotOpen($"it does not accept {format}: {_alsa.Describe(error)}");
            }
            _pcm = pcm;
            _channels = format.Channels;
        }
        catch (DllNotFoundException e)
        {
            throw CannotOpen("libasound.so.2 is not installed (install the libasound2 package)", e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw CannotOpen("the installed libasound.so.2 lacks a needed function", e);
        }
    }

    public void Write(ReadOnlySpan<float> samples)
    {
        if (_pcm == IntPtr.Zero)
            throw new InvalidOperationException($"ALSA output '{Device}' was written before it was opened.");
        var frames = samples.Length / _channels;
        var done = 0;
        while (done < frames)
        {
            var written = _alsa.WriteInterleaved(_pcm, samples[(done * _channels)..], frames - done);
            if (written >= 0)
            {
                done += (int)written;
                continue;
            }
            if (_alsa.Recover(_pcm, (int)written) < 0)
                throw new AudioOutputException(
                    $"ALSA output '{Device}' failed while playing: {_alsa.Describe((int)written)}");
        }
    }

    public void Close()
    {
        if (_pcm == IntPtr.Zero)
            return;
        _alsa.Drain(_pcm);
        _alsa.Close(_pcm);
        _pcm = IntPtr.Zero;
    }

    public void Dispose() => Close();

    private AudioOutputException CannotOpen(string reason, Exception? inner = null)
    {
        var message = $"ALSA output '{Device}' could not open: {reason}.";
        return inner is null ? new AudioOutputException(message) : new AudioOutputException(message, inner);
    }
}
