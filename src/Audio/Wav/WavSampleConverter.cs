using System.Buffers.Binary;

namespace Soundscape.Audio.Wav;

/// <summary>Converts between little-endian WAV sample bytes and floats in [-1, 1].</summary>
/// <remarks>
/// Float encodings can carry NaN and ±Infinity, which integer PCM cannot. Decoding turns them into silence (0) here,
/// the one place every decoded float passes through (the WAV reader and the ffmpeg pipe alike): a single NaN would
/// otherwise poison every sum it enters, from the embedding's spectra to the engine's mix.
/// </remarks>
internal static class WavSampleConverter
{
    // Integer PCM is read as value / 2^(bits-1), so full-scale negative maps exactly to -1, and written as
    // round(x * (2^(bits-1) - 1)), so +1 does not overflow. The asymmetry costs at most one LSB on a round trip.
    private const float Pcm16ReadScale = 1f / 32768f;
    private const float Pcm24ReadScale = 1f / 8388608f;
    private const double Pcm32ReadScale = 1.0 / 2147483648.0;

    public static void Decode(ReadOnlySpan<byte> source, Span<float> destination, WavSampleEncoding encoding)
    {
        int count = destination.Length;
        switch (encoding)
        {
            case WavSampleEncoding.Pcm8:
                for (int i = 0; i < count; i++)
                    destination[i] = (source[i] - 128) / 128f;
                break;
            case WavSampleEncoding.Pcm16:
                for (int i = 0; i < count; i++)
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source.Slice(i * 2)) * Pcm16ReadScale;
                break;
            case WavSampleEncoding.Pcm24:
                for (int i = 0; i < count; i++)
                {
                    int o = i * 3;
                    // The top byte is sign-extended through sbyte so negative samples stay negative.
                    int value = source[o] | (source[o + 1] << 8) | ((sbyte)source[o + 2] << 16);
                    destination[i] = value * Pcm24ReadScale;
                }

                break;
            case WavSampleEncoding.Pcm32:
                for (int i = 0; i < count; i++)
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source.Slice(i * 4)) * Pcm32ReadScale);
                break;
            case WavSampleEncoding.Float32:
                for (int i = 0; i < count; i++)
                    destination[i] = FiniteOrSilence(BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * 4)));
                break;
            case WavSampleEncoding.Float64:
                for (int i = 0; i < count; i++)
                    destination[i] = FiniteOrSilence((float)BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(i * 8)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null);
        }
    }

    public static void Encode(ReadOnlySpan<float> source, Span<byte> destination, WavSampleEncoding encoding)
    {
        int count = source.Length;
        switch (encoding)
        {
            case WavSampleEncoding.Pcm8:
                for (int i = 0; i < count; i++)
                    destination[i] = (byte)(Quantize(source[i], 127) + 128);
                break;
            case WavSampleEncoding.Pcm16:
                for (int i = 0; i < count; i++)
                    BinaryPrimitives.WriteInt16LittleEndian(destination.Slice(i * 2), (short)Quantize(source[i], short.MaxValue));
                break;
            case WavSampleEncoding.Pcm24:
                for (int i = 0; i < count; i++)
                {
                    int value = (int)Quantize(source[i], 8_388_607);
                    int o = i * 3;
                    destination[o] = (byte)value;
                    destination[o + 1] = (byte)(value >> 8);
                    destination[o + 2] = (byte)(value >> 16);
                }

                break;
            case WavSampleEncoding.Pcm32:
                for (int i = 0; i < count; i++)
                    BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(i * 4), (int)Quantize(source[i], int.MaxValue));
                break;
            case WavSampleEncoding.Float32:
                for (int i = 0; i < count; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(destination.Slice(i * 4), source[i]);
                break;
            case WavSampleEncoding.Float64:
                for (int i = 0; i < count; i++)
                    BinaryPrimitives.WriteDoubleLittleEndian(destination.Slice(i * 8), source[i]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null);
        }
    }

    // A double beyond float range also becomes infinite on the cast above, and so silent.
    private static float FiniteOrSilence(float sample) => float.IsFinite(sample) ? sample : 0f;

    // Integer formats cannot hold more than full scale, so louder samples are clipped rather than wrapped around.
    private static long Quantize(float sample, long fullScale)
    {
        double clamped = float.IsNaN(sample) ? 0.0 : Math.Clamp(sample, -1f, 1f);
        return (long)Math.Round(clamped * fullScale, MidpointRounding.AwayFromZero);
    }
}
