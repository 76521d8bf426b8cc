namespace Soundscape.Audio.Wav;

/// <summary>How each sample is stored in a WAV data chunk.</summary>
public enum WavSampleEncoding
{
    Pcm8,
    Pcm16,
    Pcm24,
    Pcm32,
    Float32,
    Float64,
}

internal static class WavSampleEncodingExtensions
{
    public static int BytesPerSample(this WavSampleEncoding encoding) => encoding switch
    {
        WavSampleEncoding.Pcm8 => 1,
        WavSampleEncoding.Pcm16 => 2,
        WavSampleEncoding.Pcm24 => 3,
        WavSampleEncoding.Pcm32 => 4,
        WavSampleEncoding.Float32 => 4,
        WavSampleEncoding.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    public static bool IsFloat(this WavSampleEncoding encoding) =>
        encoding is WavSampleEncoding.Float32 or WavSampleEncoding.Float64;
}
