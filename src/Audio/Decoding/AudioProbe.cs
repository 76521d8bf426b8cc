using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Soundscape.Audio.Decoding;

/// <summary>What ffprobe says about the first audio stream of a file.</summary>
internal sealed record AudioProbe(int SampleRate, int Channels, TimeSpan? Duration)
{
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
                 ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels:format=duration",
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
            throw new UnsupportedAudioException($"'{fileName}' is not an audio format ffmpeg can decode: {FirstLine(errors)}");

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
                case "duration" when double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0:
                    duration = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        if (sampleRate is null || channels is null || channels < 1)
            throw new UnsupportedAudioException($"'{fileName}' contains no audio stream.");
        return new AudioProbe(sampleRate.Value, channels.Value, duration);
    }

    private static string FirstLine(string text)
    {
        string line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no details";
        return line.Length > 300 ? line[..300] : line;
    }
}
