using NAudio.Wave.SampleProviders;

namespace Soundscape.Audio.Playback;

/// <summary>Builds the NAudio chain that brings any source to a target format.</summary>
public static class FormatConversion
{
    /// <summary>
    /// Returns the source itself when it already has the format, otherwise the source behind NAudio's converters.
    /// Channels are reduced before resampling and added after it, so the resampler always works on the smaller
    /// channel count.
    /// </summary>
    /// <remarks>
    /// Fewer channels: <see cref="ChannelMixerSampleProvider"/> with the layout-aware gains of <see cref="Downmix"/>
    /// (centre to both sides at −3 dB, LFE dropped, stereo to mono the mean). Rate: <see cref="WdlResamplingSampleProvider"/>.
    /// More channels: <see cref="MonoToStereoSampleProvider"/> for mono to stereo, otherwise a channel mixer that
    /// repeats input j % N on output j.
    /// </remarks>
    public static ISampleProvider ConvertTo(this ISampleProvider source, AudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = source;
        var from = result.Format;
        if (format.Channels < from.Channels)
        {
            var target = ChannelLayout.Default(format.Channels);
            result = new ChannelMixerSampleProvider(result, ToMatrix(Downmix.Matrix(from.Layout, target), from.Channels, format.Channels));
        }
        if (format.SampleRate != result.WaveFormat.SampleRate)
            result = new FillingReads(new WdlResamplingSampleProvider(result, format.SampleRate));
        var channels = result.WaveFormat.Channels;
        if (format.Channels != channels)
        {
            result = channels == 1 && format.Channels == 2
                ? new MonoToStereoSampleProvider(result)
                : new ChannelMixerSampleProvider(result, Repeat(channels, format.Channels));
        }
        return result;
    }

    /// <summary>NAudio's matrix (a row per input, a column per output) from Downmix's row-major output × input gains.</summary>
    private static float[,] ToMatrix(float[] gains, int inputs, int outputs)
    {
        var matrix = new float[inputs, outputs];
        for (var j = 0; j < outputs; j++)
            for (var i = 0; i < inputs; i++)
                matrix[i, j] = gains[j * inputs + i];
        return matrix;
    }

    private static float[,] Repeat(int inputs, int outputs)
    {
        var matrix = new float[inputs, outputs];
        for (var j = 0; j < outputs; j++)
            matrix[j % inputs, j] = 1f;
        return matrix;
    }
}

/// <summary>
/// Reads its source until the buffer is full or the source returns 0: NAudio's resampler may return fewer frames
/// than asked in mid-stream (its filter holds some back), and the engine takes a short read as the end.
/// </summary>
internal sealed class FillingReads(ISampleProvider source) : ISampleProvider
{
    public WaveFormat WaveFormat => source.WaveFormat;

    public int Read(Span<float> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            var read = source.Read(buffer[written..]);
            if (read == 0)
                break;
            written += read;
        }
        return written;
    }
}
