using System.Runtime.InteropServices;

namespace Soundscape.Audio.Playback.Sinks;

/// <summary>The few libasound calls the ALSA output needs (the "simple" PCM API: open, set_params, writei).</summary>
internal sealed partial class AlsaNative : IAlsaApi
{
    private const string Library = "libasound.so.2";
    private const int StreamPlayback = 0; // SND_PCM_STREAM_PLAYBACK
    private const int FormatFloatLittleEndian = 14; // SND_PCM_FORMAT_FLOAT_LE
    private const int AccessReadWriteInterleaved = 3; // SND_PCM_ACCESS_RW_INTERLEAVED

    public static AlsaNative Instance { get; } = new();

    public int Open(out IntPtr pcm, string device) => PcmOpen(out pcm, device, StreamPlayback, 0);

    public int SetParams(IntPtr pcm, AudioFormat format, uint latencyMicroseconds) =>
        // Soft resampling on: ALSA's plug layer converts when the card does not run at the engine's rate.
        PcmSetParams(pcm, FormatFloatLittleEndian, AccessReadWriteInterleaved,
            (uint)format.Channels, (uint)format.SampleRate, softResample: 1, latencyMicroseconds);

    public unsafe long WriteInterleaved(IntPtr pcm, ReadOnlySpan<float> samples, int frames)
    {
        fixed (float* start = samples)
            return PcmWriteInterleaved(pcm, start, (nuint)frames);
    }

    public int Recover(IntPtr pcm, int error) => PcmRecover(pcm, error, silent: 1);

    public int Drain(IntPtr pcm) => PcmDrain(pcm);

    public int Close(IntPtr pcm) => PcmClose(pcm);

    public string Describe(int error) =>
        Marshal.PtrToStringUTF8(StrError(error)) is { Length: > 0 } text ? $"{text} (error {error})" : $"error {error}";

    [LibraryImport(Library, EntryPoint = "snd_pcm_open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int PcmOpen(out IntPtr pcm, string name, int stream, int mode);

    [LibraryImport(Library, EntryPoint = "snd_pcm_set_params")]
    private static partial int PcmSetParams(
        IntPtr pcm, int format, int access, uint channels, uint rate, int softResample, uint latencyMicroseconds);

    [LibraryImport(Library, EntryPoint = "snd_pcm_writei")]
    private static unsafe partial nint PcmWriteInterleaved(IntPtr pcm, float* buffer, nuint frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_recover")]
    private static partial int PcmRecover(IntPtr pcm, int error, int silent);

    [LibraryImport(Library, EntryPoint = "snd_pcm_drain")]
    private static partial int PcmDrain(IntPtr pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_close")]
    private static partial int PcmClose(IntPtr pcm);

    [LibraryImport(Library, EntryPoint = "snd_strerror")]
    private static partial IntPtr StrError(int error);
}
