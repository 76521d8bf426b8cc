namespace Soundscape.Audio;

/// <summary>
/// The gains that fold a layout onto one with fewer channels, by speaker position (after ITU-R BS.775): a speaker the
/// target has keeps its channel at 0 dB; the centre (front, back or top) goes to both sides at −3 dB; other speakers
/// on one side (back, side, top) go to that side's front at −3 dB, the front pair beside the centre at 0 dB; LFE is
/// dropped, as decoders do, since the main channels already carry the bass. A mono target takes the mean of the two
/// stereo sides, so stereo to mono is the plain average. The gains are not normalised: full-scale surround can pass
/// full scale, which the engine's limiter catches, while the balance between the speakers stays as mixed.
/// </summary>
internal static class Downmix
{
    private const float MinusThreeDb = 0.70710678f;

    /// <summary>Row-major gains, <c>to.Channels</c> rows of <c>from.Channels</c>: output j = Σ gain[j, i] · input i.</summary>
    public static float[] Matrix(ChannelLayout from, ChannelLayout to)
    {
        var gains = new float[to.Channels * from.Channels];
        bool frontPair = to.Speakers.HasFlag(Speaker.FrontLeft) && to.Speakers.HasFlag(Speaker.FrontRight);
        for (int i = 0; i < from.Channels; i++)
        {
            Speaker speaker = from.SpeakerAt(i);
            (float left, float right) = ToStereo(speaker);
            if ((to.Speakers & speaker) != 0 && (frontPair || from == to))
            {
                gains[(IndexOf(to, speaker) * from.Channels) + i] = 1f;
            }
            else if (frontPair)
            {
                gains[(IndexOf(to, Speaker.FrontLeft) * from.Channels) + i] = left;
                gains[(IndexOf(to, Speaker.FrontRight) * from.Channels) + i] = right;
            }
            else
            {
                // Mono (or any target without a front pair): the mean of the two sides, so the centre stays 3 dB
                // above each front speaker as it is in stereo.
                gains[i] = (left + right) / 2;
            }
        }

        return gains;
    }

    private static (float Left, float Right) ToStereo(Speaker speaker) => speaker switch
    {
        Speaker.FrontLeft or Speaker.FrontLeftOfCenter => (1f, 0f),
        Speaker.FrontRight or Speaker.FrontRightOfCenter => (0f, 1f),
        Speaker.FrontCenter or Speaker.BackCenter or Speaker.TopCenter or Speaker.TopFrontCenter or Speaker.TopBackCenter
            => (MinusThreeDb, MinusThreeDb),
        Speaker.BackLeft or Speaker.SideLeft or Speaker.TopFrontLeft or Speaker.TopBackLeft => (MinusThreeDb, 0f),
        Speaker.BackRight or Speaker.SideRight or Speaker.TopFrontRight or Speaker.TopBackRight => (0f, MinusThreeDb),
        _ => (0f, 0f), // LowFrequency
    };

    private static int IndexOf(ChannelLayout layout, Speaker speaker) =>
        System.Numerics.BitOperations.PopCount((uint)layout.Speakers & ((uint)speaker - 1));
}
