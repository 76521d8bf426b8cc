namespace Soundscape.Audio.Playback;

/// <summary>
/// A provider that can add its next samples, scaled by a gain, straight into a buffer: the <see cref="LayerMixer"/>'s
/// copy-free path. In-memory sources add from their own array, and wrappers that only repeat them (loop) pass the
/// call through, so a looping in-memory layer is summed in one pass with no intermediate copy. NAudio's providers (converters, delay) do not add; the mixer reads them into its scratch first.
/// </summary>
/// <remarks>
/// Contract: <see cref="ReadAdding"/> advances the provider exactly as <see cref="ISampleProvider.Read"/> with a
/// buffer of <c>destination.Length</c> would, returns the same count, and adds <c>gain × s</c> for each sample
/// <c>s</c> that <see cref="ISampleProvider.Read"/> would have written, at the same index, rounded exactly as the
/// read-then-add path (<see cref="SampleAdding.ReadAdding"/> on a plain provider) rounds it, so both paths give the
/// same bits. Samples past the returned count are left untouched. Read and ReadAdding may be mixed freely.
/// </remarks>
public interface IAddingSampleProvider : ISampleProvider
{
    /// <summary>
    /// destination[i] += gain × (the next samples); returns how many samples were added (a short count means the end).
    /// </summary>
    /// <param name="destination">The accumulator, a whole number of frames.</param>
    /// <param name="gain">Linear gain applied while adding.</param>
    /// <param name="scratch">
    /// At least <c>destination.Length</c> samples of working space, for a wrapper whose own source cannot add
    /// directly (it then reads into the scratch and adds from there). Its content on return is unspecified.
    /// </param>
    int ReadAdding(Span<float> destination, float gain, Span<float> scratch);
}

/// <summary>Adding reads on any provider: the copy-free path when the provider has one, else read-then-add.</summary>
public static class SampleAdding
{
    /// <summary>
    /// Adds the provider's next <c>destination.Length</c> samples (or fewer, at its end) × <paramref name="gain"/>
    /// into <paramref name="destination"/> and returns how many; see <see cref="IAddingSampleProvider"/>.
    /// </summary>
    public static int ReadAdding(this ISampleProvider source, Span<float> destination, float gain, Span<float> scratch)
    {
        if (source is IAddingSampleProvider adding)
            return adding.ReadAdding(destination, gain, scratch);
        if (scratch.Length < destination.Length)
            throw new ArgumentException(
                $"The scratch holds {scratch.Length} samples, fewer than the destination's {destination.Length}.", nameof(scratch));
        var block = scratch[..destination.Length];
        var read = source.Read(block);
        VectorMath.AddScaled(destination, block[..read], gain);
        return read;
    }
}
