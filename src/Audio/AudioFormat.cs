namespace Soundscape.Audio;

/// <summary>
/// Interleaved 32-bit float samples at a rate and channel count, with the speaker each channel feeds: the one format
/// the library computes in.
/// </summary>
public readonly record struct AudioFormat
{
    /// <param name="sampleRate">Frames per second, 1 kHz to 768 kHz.</param>
    /// <param name="channels">1 to 8.</param>
    /// <param name="layout">The speakers, as many as <paramref name="channels"/>; null for the usual layout of that many
    /// (<see cref="ChannelLayout.Default"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A rate or channel count out of range.</exception>
    /// <exception cref="ArgumentException">A layout with another number of channels.</exception>
    public AudioFormat(int sampleRate, int channels, ChannelLayout? layout = null)
    {
        if (sampleRate is < 1000 or > 768_000)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be between 1 kHz and 768 kHz.");
        if (channels is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "An audio format has 1 to 8 channels.");
        if (layout is { } stated && stated.Channels != channels)
            throw new ArgumentException($"The layout {stated} has {stated.Channels} channels, not {channels}.", nameof(layout));
        SampleRate = sampleRate;
        Channels = channels;
        Layout = layout ?? ChannelLayout.Default(channels);
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public ChannelLayout Layout { get; }

    public static AudioFormat Stereo48k { get; } = new(48_000, 2);

    public override string ToString() => $"{SampleRate} Hz, {Channels} ch, float32";
}
