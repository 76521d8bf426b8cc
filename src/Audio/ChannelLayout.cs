using System.Numerics;

namespace Soundscape.Audio;

/// <summary>
/// A loudspeaker position, with the bit the WAVE_FORMAT_EXTENSIBLE channel mask (and ffmpeg's native layouts) gives it.
/// </summary>
[Flags]
public enum Speaker : uint
{
    None = 0,
    FrontLeft = 0x1,
    FrontRight = 0x2,
    FrontCenter = 0x4,
    LowFrequency = 0x8,
    BackLeft = 0x10,
    BackRight = 0x20,
    FrontLeftOfCenter = 0x40,
    FrontRightOfCenter = 0x80,
    BackCenter = 0x100,
    SideLeft = 0x200,
    SideRight = 0x400,
    TopCenter = 0x800,
    TopFrontLeft = 0x1000,
    TopFrontCenter = 0x2000,
    TopFrontRight = 0x4000,
    TopBackLeft = 0x8000,
    TopBackCenter = 0x10000,
    TopBackRight = 0x20000,
}

/// <summary>
/// Which speaker each channel of a frame feeds: a set of <see cref="Speaker"/> bits, the channels in the order of
/// their bits (as in WAV and ffmpeg). Downmixing reads it, so that a centre or LFE channel is treated as one.
/// </summary>
public readonly record struct ChannelLayout
{
    private const uint KnownSpeakers = 0x3FFFF;

    private ChannelLayout(Speaker speakers) => Speakers = speakers;

    /// <summary>The positions present; <see cref="Speaker.None"/> only for <c>default</c>.</summary>
    public Speaker Speakers { get; }

    public int Channels => BitOperations.PopCount((uint)Speakers);

    public static ChannelLayout Mono { get; } = new(Speaker.FrontCenter);

    public static ChannelLayout Stereo { get; } = new(Speaker.FrontLeft | Speaker.FrontRight);

    /// <summary>
    /// The layout a file with this many channels and no stated layout is taken to have, as Windows and ffmpeg assume
    /// for WAV: mono, stereo, 3.0, quad, 5.0, 5.1, 6.1, 7.1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1 to 8 channels.</exception>
    public static ChannelLayout Default(int channels) => channels switch
    {
        1 => Mono,
        2 => Stereo,
        3 => new(Speaker.FrontLeft | Speaker.FrontRight | Speaker.FrontCenter),
        4 => new(Speaker.FrontLeft | Speaker.FrontRight | Speaker.BackLeft | Speaker.BackRight),
        5 => new(Speaker.FrontLeft | Speaker.FrontRight | Speaker.FrontCenter | Speaker.BackLeft | Speaker.BackRight),
        6 => new(Speaker.FrontLeft | Speaker.FrontRight | Speaker.FrontCenter | Speaker.LowFrequency | Speaker.BackLeft | Speaker.BackRight),
        7 => new(Speaker.FrontLeft | Speaker.FrontRight | Speaker.FrontCenter | Speaker.LowFrequency | Speaker.BackCenter | Speaker.SideLeft | Speaker.SideRight),
        8 => new(Speaker.FrontLeft | Speaker.FrontRight | Speaker.FrontCenter | Speaker.LowFrequency | Speaker.BackLeft | Speaker.BackRight | Speaker.SideLeft | Speaker.SideRight),
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "A channel layout has 1 to 8 channels."),
    };

    /// <summary>
    /// The layout a channel mask states for <paramref name="channels"/> channels, or <see cref="Default"/> when the
    /// mask is absent (0), names another number of channels or speakers this library does not know.
    /// </summary>
    public static ChannelLayout FromMask(ulong mask, int channels) =>
        mask != 0 && (mask & ~(ulong)KnownSpeakers) == 0 && BitOperations.PopCount(mask) == channels
            ? new ChannelLayout((Speaker)mask)
            : Default(channels);

    /// <summary>The speaker of channel <paramref name="channel"/> (0-based).</summary>
    public Speaker SpeakerAt(int channel)
    {
        uint rest = (uint)Speakers;
        for (int i = 0; i < channel; i++)
            rest &= rest - 1;
        if (rest == 0)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"The layout has {Channels} channels.");
        return (Speaker)(1u << BitOperations.TrailingZeroCount(rest));
    }

    public override string ToString() => Speakers.ToString();
}
