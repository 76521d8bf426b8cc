namespace Soundscape.Audio.Playback;

/// <summary>
/// A pull-model source of interleaved float samples, in the shape of NAudio's <c>ISampleProvider</c> so that an
/// NAudio output can be fed by the engine (see docs/audio-engine.md).
/// </summary>
/// <remarks>
/// Contract shared by every provider in this folder: <see cref="Read"/> fills the whole buffer unless the source
/// ends, so a return value smaller than <c>buffer.Length</c> means "this was the last block", and 0 means "ended".
/// Callers pass buffers whose length is a whole number of frames (a multiple of <see cref="AudioFormat.Channels"/>),
/// and providers always return whole frames. One audio thread pulls; providers are not thread-safe unless they say so
/// (<see cref="CrossfadeQueue"/> and <see cref="MixerLayer.Volume"/> may be driven from a control thread).
/// </remarks>
public interface ISampleProvider
{
    AudioFormat Format { get; }

    /// <summary>Writes up to <c>buffer.Length</c> samples and returns how many were written; 0 means the end.</summary>
    int Read(Span<float> buffer);
}
