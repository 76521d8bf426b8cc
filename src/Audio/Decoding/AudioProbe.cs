using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Soundscape.Audio.Decoding;

/// <summary>
/// What ffprobe says about the first audio stream of a file. <see cref="Duration"/> is only what the container
/// states exactly; a length ffmpeg merely estimated from the bit rate (MP3 without a Xing/VBRI header, ADTS AAC) is
/// null, so callers count the decoded frames instead.
/// </summary>
/// <param name="ChannelMask">The stream's speakers as <see cref="Speaker"/> bits (ffmpeg's native order is theirs), 0 when
/// ffprobe names no layout; bits beyond <see cref="Speaker"/> for positions this library does not place.</param>
internal sealed record AudioProbe(int SampleRate, int Channels, ulong ChannelMask, TimeSpan? Duration)
{
    // ffprobe names a layout (stream=channel_layout) by its standard name or by its speakers joined with '+',
    // e.g. "5.1(side)" or "3 channels (FL+FR+LFE)". These are the standard names ffmpeg defines up to 8 channels.
    private static readonly Dictionary<string, string> StandardLayouts = new(StringComparer.Ordinal)
    {
        ["mono"] = "FC", ["stereo"] = "FL+FR", ["2.1"] = "FL+FR+LFE", ["3.0"] = "FL+FR+FC", ["3.0(back)"] = "FL+FR+BC",
        ["4.0"] = "FL+FR+FC+BC", ["quad"] = "FL+FR+BL+BR", ["quad(side)"] = "FL+FR+SL+SR", ["3.1"] = "FL+FR+FC+LFE",
        ["5.0"] = "FL+FR+FC+BL+BR", ["5.0(side)"] = "FL+FR+FC+SL+SR", ["4.1"] = "FL+FR+FC+LFE+BC",
        ["5.1"] = "FL+FR+FC+LFE+BL+BR", ["5.1(side)"] = "FL+FR+FC+LFE+SL+SR", ["6.0"] = "FL+FR+FC+BC+SL+SR",
        ["6.0(front)"] = "FL+FR+FLC+FRC+SL+SR", ["hexagonal"] = "FL+FR+FC+BL+BR+BC", ["6.1"] = "FL+FR+FC+LFE+BC+SL+SR",
        ["6.1(back)"] = "FL+FR+FC+LFE+BL+BR+BC", ["6.1(front)"] = "FL+FR+LFE+FLC+FRC+SL+SR", ["7.0"] = "FL+FR+FC+BL+BR+SL+SR",
        ["7.0(front)"] = "FL+FR+FC+FLC+FRC+SL+SR", ["7.1"] = "FL+FR+FC+LFE+BL+BR+SL+SR", ["7.1(wide)"] = "FL+FR+FC+LFE+BL+BR+FLC+FRC",
        ["7.1(wide-side)"] = "FL+FR+FC+LFE+FLC+FRC+SL+SR", ["octagonal"] = "FL+FR+FC+BL+BR+BC+SL+SR",
    };

    private static readonly string[] SpeakerNames =
        ["FL", "FR", "FC", "LFE", "BL", "BR", "FLC", "FRC", "BC", "SL", "SR", "TC", "TFL", "TFC", "TFR", "TBL", "TBC", "TBR"];

    private const ulong UnplacedSpeaker = 1UL << 63;

    // ffmpeg logs this warning (and reports its duration as "estimate from bit rate") when no header or index gives the
    // length; for VBR files the guess can be off by half or more, so such a duration is never taken.
    private const string BitRateEstimateWarning = "Estimating duration from bitrate";

    public static async Task<AudioProbe> RunAsync(string ffprobePath, string fullPath, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffprobePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in (string[])
                 ["-v", "level+warning", "-hide_banner", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels,channel_layout:format=duration",
                  "-of", "default=noprint_wrappers=1", fullPath])
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)
            ?? throw new UnsupportedAudioException("ffprobe could not be started.");
        try
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return Parse(process.ExitCode, await output.ConfigureAwait(false), await errors.ConfigureAwait(false), Path.GetFileName(fullPath));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static AudioProbe Parse(int exitCode, string output, string errors, string fileName)
    {
        if (exitCode != 0)
            throw new UnsupportedAudioException($"'{fileName}' is not an audio format ffmpeg can decode: {FirstError(errors)}");
        bool estimated = errors.Contains(BitRateEstimateWarning, StringComparison.Ordinal);

        int? sampleRate = null, channels = null;
        ulong channelMask = 0;
        TimeSpan? duration = null;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pair = line.Split('=', 2);
            if (pair.Length != 2)
                continue;
            switch (pair[0])
            {
                case "sample_rate" when int.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int rate):
                    sampleRate = rate;
                    break;
                case "channels" when int.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count):
                    channels = count;
                    break;
                case "channel_layout":
                    channelMask = ParseLayout(pair[1]);
                    break;
                case "duration" when !estimated && double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0:
                    duration = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        if (sampleRate is null || channels is null || channels < 1)
            throw new UnsupportedAudioException($"'{fileName}' contains no audio stream.");
        return new AudioProbe(sampleRate.Value, channels.Value, channelMask, duration);
    }

    private static ulong ParseLayout(string name)
    {
        int open = name.IndexOf('(', StringComparison.Ordinal);
        string speakers = StandardLayouts.TryGetValue(name, out string? standard) ? standard
            : open >= 0 && name.EndsWith(')') ? name[(open + 1)..^1]
            : name;
        ulong mask = 0;
        foreach (string speaker in speakers.Split('+', StringSplitOptions.TrimEntries))
        {
            int bit = Array.IndexOf(SpeakerNames, speaker);
            mask |= bit >= 0 ? 1UL << bit : UnplacedSpeaker;
        }

        return mask;
    }

    // With "level+" every line carries its level in brackets; the first error (without the prefixes) is the reason,
    // the warnings before it are not.
    private static string FirstError(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string line in lines)
        {
            foreach (string level in (string[])["[error] ", "[fatal] "])
            {
                int at = line.IndexOf(level, StringComparison.Ordinal);
                if (at >= 0)
                    return Shorten(line[(at + level.Length)..]);
            }
        }

        return Shorten(lines.FirstOrDefault() ?? "no details");
    }

    private static string Shorten(string line) => line.Length > 300 ? line[..300] : line;
}
