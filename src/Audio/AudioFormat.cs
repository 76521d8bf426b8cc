namespace Soundscape.Audio;

/// <summary>Interleaved 32-bit float samples at a rate and channel count: the one format the library computes in.</summary>
public readonly record struct AudioFormat
{
    public AudioFormat(int sampleRate, int channels)
    {
        if (sampleRate is < 1000 or > 768_000)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be between 1 kHz and 768 kHz.");
        if (channels is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "An audio format has 1 to 8 channels.");
        SampleRate = sampleRate;
        Channels = channels;
    }

    public int SampleRate { get; }

    public int Channels { get; }

    public static AudioFormat Stereo48k { get; } = new(48_000, 2);

    public override string ToString() => $"{SampleRate} Hz, {Channels} ch, float32";
}
