namespace Soundscape.Audio;

/// <summary>
/// A forward-only source of decoded audio: interleaved float samples in [-1, 1] at <see cref="Format"/>.
/// Implemented by the WAV reader and by the ffmpeg-backed decoder, so analysis does not care where audio came from.
/// </summary>
public interface IAudioReader : IDisposable
{
    AudioFormat Format { get; }

    /// <summary>Frames (one sample per channel) in the whole stream, or null when the source cannot tell in advance.</summary>
    long? TotalFrames { get; }

    /// <summary>Playing time of the whole stream, or null when unknown.</summary>
    TimeSpan? Duration { get; }

    /// <summary>
    /// Fills <paramref name="destination"/> with whole frames of interleaved samples and returns how many samples
    /// (not frames) were written; 0 means the end of the stream. Fewer than asked does not mean the end.
    /// </summary>
    int Read(Span<float> destination);
}
