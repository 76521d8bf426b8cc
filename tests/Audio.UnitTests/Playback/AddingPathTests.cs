using Soundscape.Audio.Playback;

namespace Soundscape.Audio.UnitTests.Playback;

/// <summary>
/// The copy-free path (<see cref="IAddingSampleProvider"/>): in-memory sources behind a loop are added into
/// the mix straight from their arrays. It must give the same bits as reading into a scratch buffer and adding.
/// </summary>
public sealed class AddingPathTests
{
    private static readonly AudioFormat Mono = new(48_000, 1);
    private static readonly AudioFormat Stereo = AudioFormat.Stereo48k;

    [Test]
    public void BufferSource_ReadAdding_AddsTheScaledSamplesAndAdvancesLikeRead()
    {
        var source = new BufferSource([1, 2, 3, 4, 5, 6], Stereo);
        float[] destination = [10, 10, 10, 10];

        source.ReadAdding(destination, 0.5f, new float[4]).ShouldBe(4);
        destination.ShouldBe([10.5f, 11, 11.5f, 12]);

        var rest = new float[4];
        source.Read(rest).ShouldBe(2); // the adding read advanced the position
        rest[..2].ShouldBe([5f, 6]);
        source.ReadAdding(new float[4], 1f, new float[4]).ShouldBe(0);
    }

    [Test]
    public void LoopingProvider_ReadAdding_WrapsSeamlesslyInsideOneBlock()
    {
        var looped = new LoopingProvider(new BufferSource([1, 2, 3], Mono));
        var destination = new float[8];

        looped.ReadAdding(destination, 1f, new float[8]).ShouldBe(8);
        destination.ShouldBe([1f, 2, 3, 1, 2, 3, 1, 2]);
        looped.ReadAdding(destination, 1f, new float[8]).ShouldBe(8);
        destination.ShouldBe([4f, 3, 5, 4, 3, 5, 4, 3]); // the second pass continues at 3, 1, 2, …
    }

    [Test]
    public void Looping_OverASourceThatCannotAdd_ReadsThroughTheScratchBuffer()
    {
        var looped = new LoopingProvider(new CopyingOnly(new BufferSource([1, 2, 3], Mono)));
        var destination = new float[7];

        looped.ReadAdding(destination, 0.5f, new float[7]).ShouldBe(7);
        destination.ShouldBe([0.5f, 1, 1.5f, 0.5f, 1, 1.5f, 0.5f]);
    }

    [Test]
    public void ReadAdding_OnAPlainProvider_WithTooSmallAScratch_IsRefused() =>
        Should.Throw<ArgumentException>(() =>
            new CopyingOnly(new BufferSource([1, 2, 3, 4], Mono)).ReadAdding(new float[4], 1f, new float[3]));

    [TestCase(960)]
    [TestCase(1024)]
    [TestCase(37)]
    public void Mixer_CopyFreePath_GivesTheSameSamplesAsTheCopyingPath(int blockFrames)
    {
        // Sixteen layers covering every case of the mixer: looping and one-shot, delayed and not, clip lengths that
        // are not multiples of the block or of the vector width, a layer that ends mid-block, volume changes.
        var direct = BuildMix(copyFree: true);
        var copying = BuildMix(copyFree: false);

        var fromDirect = RenderWithVolumeChanges(direct, blockFrames);
        var fromCopying = RenderWithVolumeChanges(copying, blockFrames);

        fromDirect.Length.ShouldBe(fromCopying.Length);
        // The mix ends with its longest one-shot layer: layer 15, 29,112 frames after a delay of 8,856.
        fromDirect.Length.ShouldBe((29_112 + 8_856) * 2);
        for (var i = 0; i < fromDirect.Length; i++)
            if (fromDirect[i] != fromCopying[i])
                throw new ShouldAssertException($"Sample {i}: copy-free {fromDirect[i]:R}, copying {fromCopying[i]:R}.");
        Signals.Peak(fromDirect).ShouldBeGreaterThan(0.1f);
    }

    [Test]
    public void Mixer_CopyFreePath_EndsWithItsLongestNonLoopingLayer_LikeTheCopyingPath()
    {
        foreach (var copyFree in new[] { true, false })
        {
            var mixer = new LayerMixer(Mono);
            mixer.AddLayer(Source(new float[1000], Mono, copyFree));
            mixer.AddLayer(Source(new float[300], Mono, copyFree), new LayerOptions(DelaySeconds: 2000.0 / 48_000));
            mixer.AddLayer(Source(new float[10], Mono, copyFree), new LayerOptions(Loop: true));

            Signals.Render(mixer, blockFrames: 256).Length.ShouldBe(2300);
            mixer.Read(new float[256]).ShouldBe(0);
        }
    }

    private static LayerMixer BuildMix(bool copyFree)
    {
        var mixer = new LayerMixer(Stereo, expectedBlockFrames: 512);
        for (var i = 0; i < LayerMixer.MaxLayers; i++)
        {
            var seconds = 0.05 + 0.0371 * i; // 2,400 to 29,112 frames
            var samples = i % 3 == 0
                ? Signals.Sine(Stereo, 110 + 37 * i, seconds, amplitude: 0.3f)
                : Signals.Noise(Stereo, seconds, seed: i, amplitude: 0.3f);
            mixer.AddLayer(Source(samples, Stereo, copyFree), new LayerOptions(
                Volume: 0.05f + 0.05f * i,
                Loop: i % 4 != 3,
                DelaySeconds: i % 2 == 0 ? 0 : 0.0123 * i));
        }
        return mixer;
    }

    private static float[] RenderWithVolumeChanges(LayerMixer mixer, int blockFrames)
    {
        var output = new List<float>();
        var block = new float[blockFrames * 2];
        for (var n = 0; ; n++)
        {
            if (n == 7)
                mixer.Layers[2].Volume = 0.9f;
            if (n == 8)
                mixer.Layers[5].Volume = 0f;
            if (n == 20)
                mixer.Layers[5].Volume = 0.4f;
            var read = mixer.Read(block);
            output.AddRange(block.AsSpan(0, read));
            if (read < block.Length)
                return output.ToArray();
        }
    }

    private static ISampleProvider Source(float[] samples, AudioFormat format, bool copyFree) =>
        copyFree ? new BufferSource(samples, format) : new CopyingOnly(new BufferSource(samples, format));

    /// <summary>Hides <see cref="IAddingSampleProvider"/>: the mixer must read it into its scratch buffer first.</summary>
    private sealed class CopyingOnly(BufferSource inner) : ISampleProvider, IRewindable
    {
        public WaveFormat WaveFormat => inner.WaveFormat;

        public int Read(Span<float> buffer) => inner.Read(buffer);

        public void Rewind() => inner.Rewind();
    }
}
