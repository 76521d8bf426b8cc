using System.Runtime.InteropServices;

namespace Soundscape.Audio.Playback.Sinks;

/// <summary>The few libasound calls the ALSA output needs (the "simple" PCM API: open, set_params, writei).</summary>
internal static partial class AlsaNative
{
    private const string Library = "libasound.so.2";

    public const int StreamPlayback = 0; // SND_PCM_STREAM_PLAYBACK
    public const int FormatFloatLittleEndian = 14; // SND_PCM_FORMAT_FLOAT_LE
    public const int AccessReadWriteInterleaved = 3; // SND_PCM_ACCESS_RW_INTERLEAVED

    [LibraryImport(Library, EntryPoint = "snd_pcm_open", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int PcmOpen(out IntPtr pcm, string name, int stream, int mode);

    [LibraryImport(Library, EntryPoint = "snd_pcm_set_params")]
    public static partial int PcmSetParams(
        IntPtr pcm, int format, int access, uint channels, uint rate, int softResample, uint latencyMicroseconds);

    [LibraryImport(Library, EntryPoint = "snd_pcm_writei")]
    public static unsafe partial nint PcmWriteInterleaved(IntPtr pcm, float* buffer, nuint frames);

    [LibraryImport(Library, EntryPoint = "snd_pcm_recover")]
    public static partial int PcmRecover(IntPtr pcm, int error, int silent);

    [LibraryImport(Library, EntryPoint = "snd_pcm_drain")]
    public static partial int PcmDrain(IntPtr pcm);

    [LibraryImport(Library, EntryPoint = "snd_pcm_close")]
    public static partial int PcmClose(IntPtr pcm);

    [LibraryImport(Library, EntryPoint = "snd_strerror")]
    private static partial IntPtr StrError(int error);

    public static string Describe(int error) =>
        Marshal.PtrToStringUTF8(StrError(error)) is { Length: > 0 } text ? $"{text} (error {error})" : $"error {error}";
}
