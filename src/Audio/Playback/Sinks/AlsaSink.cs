namespace Soundscape.Audio.Playback.Sinks;

/// <summary>
/// Plays through ALSA (libasound.so.2, via P/Invoke) as interleaved float32; ALSA converts to what the card takes.
/// </summary>
/// <remarks>
/// Write blocks until the card has room, so the card paces playback. An underrun (the writer fell behind) is recovered
/// with snd_pcm_recover and the write retried; anything else ends in an <see cref="AudioOutputException"/>.
/// </remarks>
public sealed class AlsaSink : IAudioSink
{
    private const uint DefaultLatencyMicroseconds = 100_000;
    private readonly uint _latencyMicroseconds;
    private IntPtr _pcm;
    private int _channels;

    public AlsaSink(string device = "default", TimeSpan? latency = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        Device = device;
        _latencyMicroseconds = latency is { } l ? (uint)Math.Clamp(l.TotalMicroseconds, 10_000, 2_000_000) : DefaultLatencyMicroseconds;
    }

    public string Device { get; }

    public string Name => $"ALSA '{Device}'";

    public void Open(AudioFormat format)
    {
        if (_pcm != IntPtr.Zero)
            throw new InvalidOperationException($"ALSA output '{Device}' is already open.");
        try
        {
            var error = AlsaNative.PcmOpen(out var pcm, Device, AlsaNative.StreamPlayback, 0);
            if (error < 0)
                throw CannotOpen($"{AlsaNative.Describe(error)}; is there a sound card, and is the device name right? ('aplay -L' lists the devices)");
            error = AlsaNative.PcmSetParams(pcm, AlsaNative.FormatFloatLittleEndian, AlsaNative.AccessReadWriteInterleaved,
                (uint)format.Channels, (uint)format.SampleRate, softResample: 1, _latencyMicroseconds);
            if (error < 0)
            {
                AlsaNative.PcmClose(pcm);
                throw CannotOpen($"{format} is not accepted: {AlsaNative.Describe(error)}");
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

    public unsafe void Write(ReadOnlySpan<float> samples)
    {
        if (_pcm == IntPtr.Zero)
            throw new InvalidOperationException($"ALSA output '{Device}' was written before it was opened.");
        var frames = samples.Length / _channels;
        fixed (float* start = samples)
        {
            var done = 0;
            while (done < frames)
            {
                var written = AlsaNative.PcmWriteInterleaved(_pcm, start + done * _channels, (nuint)(frames - done));
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }
                var recovered = AlsaNative.PcmRecover(_pcm, (int)written, silent: 1);
                if (recovered < 0)
                    throw new AudioOutputException(
                        $"ALSA output '{Device}' failed while playing: {AlsaNative.Describe((int)written)}");
            }
        }
    }

    public void Close()
    {
        if (_pcm == IntPtr.Zero)
            return;
        AlsaNative.PcmDrain(_pcm);
        AlsaNative.PcmClose(_pcm);
        _pcm = IntPtr.Zero;
    }

    public void Dispose() => Close();

    private AudioOutputException CannotOpen(string reason, Exception? inner = null)
    {
        var message = $"ALSA output '{Device}' could not open: {reason}.";
        return inner is null ? new AudioOutputException(message) : new AudioOutputException(message, inner);
    }
}
