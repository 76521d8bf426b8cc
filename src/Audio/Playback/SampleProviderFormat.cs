namespace Soundscape.Audio.Playback;

/// <summary>
/// The bridge between NAudio's <see cref="WaveFormat"/> and the library's <see cref="AudioFormat"/> (which also carries
/// the speaker layout that the downmix needs).
/// </summary>
/// <remarks>
/// Every node of the playback graph is an NAudio <see cref="ISampleProvider"/>: interleaved float32 samples,
/// <c>Read(Span&lt;float&gt;)</c> returning how many were written. The engine's own providers keep one contract on top
/// of NAudio's (NAudio's own providers keep it too): a read fills the whole buffer unless the source ends, so a short
/// read means "last block" and 0 means "ended"; buffers and results are whole frames.
/// </remarks>
public static class SampleProviderFormat
{
    extension(ISampleProvider provider)
    {
        /// <summary>
        /// The provider's format: its own <see cref="AudioFormat"/> when it is one of the library's providers (layout
        /// included), otherwise read from its <see cref="WaveFormat"/> (the channel mask of a
        /// <see cref="WaveFormatExtensible"/>, else the usual layout for the channel count).
        /// </summary>
        public AudioFormat Format => provider is IAudioFormatted own ? own.Format : FromWaveFormat(provider.WaveFormat);
    }

    /// <summary>NAudio's IEEE-float format of the same rate and channels (extensible, with the mask, when the layout is not the usual one).</summary>
    public static WaveFormat ToWaveFormat(this AudioFormat format) =>
        format.Layout == ChannelLayout.Default(format.Channels)
            ? WaveFormat.CreateIeeeFloatWaveFormat(format.SampleRate, format.Channels)
            : new WaveFormatExtensible(format.SampleRate, 32, format.Channels, true, 32, (int)format.Layout.Speakers);

    /// <summary>The library's format for an NAudio format: rate, channels and, when stated, the layout.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate or channel count the library does not play (see <see cref="AudioFormat"/>).</exception>
    public static AudioFormat FromWaveFormat(WaveFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var layout = format is WaveFormatExtensible { ChannelMask: not 0 } extensible
            ? ChannelLayout.FromMask((uint)extensible.ChannelMask, format.Channels)
            : (ChannelLayout?)null;
        return new AudioFormat(format.SampleRate, format.Channels, layout);
    }
}

/// <summary>A provider of the library that states its <see cref="AudioFormat"/> (with the speaker layout).</summary>
public interface IAudioFormatted
{
    AudioFormat Format { get; }
}
