namespace Soundscape.Audio.Playback.Sinks;

/// <summary>
/// The libasound calls <see cref="AlsaSink"/> makes, behind an interface so its error handling (missing library,
/// refused parameters, underruns) can be tested on machines without a sound card.
/// </summary>
internal interface IAlsaApi
{
    int Open(out IntPtr pcm, string device);

    int SetParams(IntPtr pcm, AudioFormat format, uint latencyMicroseconds);

    /// <summary>Frames written (≥ 0) or a negative error code.</summary>
    long WriteInterleaved(IntPtr pcm, ReadOnlySpan<float> samples, int frames);

    int Recover(IntPtr pcm, int error);

    int Drain(IntPtr pcm);

    int Close(IntPtr pcm);

    string Describe(int error);
}
