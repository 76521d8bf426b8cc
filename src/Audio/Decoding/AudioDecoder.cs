using Soundscape.Audio.Wav;

namespace Soundscape.Audio.Decoding;

/// <summary>
/// Opens any audio file as an <see cref="IAudioReader"/>. WAV files are recognised by their first bytes (not their
/// name) and decoded in-process; everything else, and WAV encodings the reader lacks (µ-law, ADPCM), goes through
/// ffmpeg when ffmpeg and ffprobe are installed. Files that cannot be decoded raise
/// <see cref="UnsupportedAudioException"/>; a missing file raises the usual <see cref="FileNotFoundException"/>.
/// </summary>
public sealed class AudioDecoder
{
    private const int SniffBytes = 12;

    private readonly string? _ffmpegPath;
    private readonly string? _ffprobePath;

    /// <summary>Uses ffmpeg and ffprobe from PATH, if they are there.</summary>
    public AudioDecoder()
        : this(ExecutableLocator.FindOnPath("ffmpeg"), ExecutableLocator.FindOnPath("ffprobe"))
    {
    }

    /// <summary>Uses the given executables; null for either means only WAV can be decoded.</summary>
    public AudioDecoder(string? ffmpegPath, string? ffprobePath)
    {
        _ffmpegPath = ffmpegPath;
        _ffprobePath = ffprobePath;
    }

    /// <summary>True when formats other than WAV can be decoded.</summary>
    public bool CanUseFfmpeg => _ffmpegPath is not null && _ffprobePath is not null;

    public async Task<IAudioReader> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        string fullPath = Path.GetFullPath(path);
        WavFormatException? wavProblem = null;
        var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            if (await StartsLikeWavAsync(file, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    return new WavReader(file);
                }
                catch (WavFormatException problem)
                {
                    wavProblem = problem;
                }
            }
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await file.DisposeAsync().ConfigureAwait(false);
        if (!CanUseFfmpeg)
        {
            throw wavProblem ?? new UnsupportedAudioException(
                $"'{Path.GetFileName(fullPath)}' is not a WAV file, and ffmpeg (needed for every other format) is not installed.");
        }

        AudioProbe probe = await AudioProbe.RunAsync(_ffprobePath!, fullPath, cancellationToken).ConfigureAwait(false);
        return FfmpegAudioReader.Start(_ffmpegPath!, fullPath, ComputeFormat(probe), probe.Duration);
    }

    /// <summary>
    /// The playing time of a file: from the WAV header, or from ffprobe when the container states it exactly, or else
    /// by decoding it all and counting frames. A length ffmpeg only estimates from the bit rate (VBR MP3 without a
    /// Xing header, ADTS AAC) is never taken: it can be off by half. Zero for a file that decodes to no frames.
    /// </summary>
    /// <exception cref="UnsupportedAudioException">The file cannot be decoded.</exception>
    public async Task<TimeSpan> MeasureDurationAsync(string path, CancellationToken cancellationToken = default)
    {
        string fullPath = Path.GetFullPath(path);
        if (CanUseFfmpeg && !await IsWavAsync(fullPath, cancellationToken).ConfigureAwait(false))
        {
            // Asking ffprobe is enough for most containers; starting a decoder only to close it would be waste.
            AudioProbe probe = await AudioProbe.RunAsync(_ffprobePath!, fullPath, cancellationToken).ConfigureAwait(false);
            if (probe.Duration is { } probed)
                return probed;
            using IAudioReader decoded = FfmpegAudioReader.Start(_ffmpegPath!, fullPath, ComputeFormat(probe), duration: null);
            return CountFrames(decoded, cancellationToken);
        }

        using IAudioReader reader = await OpenAsync(fullPath, cancellationToken).ConfigureAwait(false);
        return reader.Duration ?? CountFrames(reader, cancellationToken);
    }

    private static TimeSpan CountFrames(IAudioReader reader, CancellationToken cancellationToken)
    {
        long frames = 0;
        var buffer = new float[16 * 1024 * reader.Format.Channels];
        int got;
        while ((got = reader.Read(buffer)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            frames += got / reader.Format.Channels;
        }

        return TimeSpan.FromSeconds((double)frames / reader.Format.SampleRate);
    }

    private static async Task<bool> IsWavAsync(string fullPath, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, SniffBytes);
        return await StartsLikeWavAsync(file, cancellationToken).ConfigureAwait(false);
    }

    // Every path in (open and measure) sniffs here, so a RIFX file is refused before ffmpeg could misread it.
    private static async Task<bool> StartsLikeWavAsync(FileStream file, CancellationToken cancellationToken)
    {
        var head = new byte[SniffBytes];
        int got = await file.ReadAtLeastAsync(head, SniffBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        if (WavHeader.LooksLikeBigEndianWav(head.AsSpan(0, got)))
            throw new WavFormatException(WavHeader.BigEndianRefusal);
        return WavHeader.LooksLikeWav(head.AsSpan(0, got));
    }

    // AudioFormat holds at most 8 channels and a sane rate; ffmpeg downmixes (by layout, to stereo) or resamples
    // anything outside that. ffmpeg hands the channels out in its native order, the order of the layout's bits.
    private static AudioFormat ComputeFormat(AudioProbe probe)
    {
        int rate = probe.SampleRate is >= 1000 and <= 768_000 ? probe.SampleRate : 48_000;
        return probe.Channels is >= 1 and <= 8
            ? new AudioFormat(rate, probe.Channels, ChannelLayout.FromMask(probe.ChannelMask, probe.Channels))
            : new AudioFormat(rate, 2);
    }
}
