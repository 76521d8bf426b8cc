using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Soundscape.Audio.Decoding;

/// <summary>
/// What ffprobe says about the first audio stream of a file. <see cref="Duration"/> is only what the container
/// states exactly; a length ffmpeg merely estimated from the bit rate (MP3 without a Xing/VBRI header, ADTS AAC) is
/// null, so callers count the decoded frames instead.
/// </summary>
internal sealed record AudioProbe(int SampleRate, int Channels, TimeSpan? Duration)
{
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
                 ["-v", "level+warning", "-hide_banner", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels:format=duration",
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
                case "duration" when !estimated && double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0:
                    duration = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        if (sampleRate is null || channels is null || channels < 1)
            throw new UnsupportedAudioException($"'{fileName}' contains no audio stream.");
        return new AudioProbe(sampleRate.Value, channels.Value, duration);
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
