namespace Soundscape.Audio.Playback;

/// <summary>Builds the chain that brings any source to a target format.</summary>
public static class FormatConversion
{
    /// <summary>
    /// Returns the source itself when it already has the format, otherwise the source behind a channel converter
    /// and/or a sample-rate converter. Channels are reduced before resampling and added after it, so the resampler
    /// always works on the smaller channel count.
    /// </summary>
    public static ISampleProvider ConvertTo(this ISampleProvider source, AudioFormat format)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = source;
        if (format.Channels < result.Format.Channels)
            result = new ChannelConverter(result, format.Channels);
        if (format.SampleRate != result.Format.SampleRate)
            result = new SampleRateConverter(result, format.SampleRate);
        if (format.Channels != result.Format.Channels)
            result = new ChannelConverter(result, format.Channels);
        return result;
    }
}
