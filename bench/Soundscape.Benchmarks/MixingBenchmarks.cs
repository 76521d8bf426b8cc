using BenchmarkDotNet.Attributes;
using Soundscape.Audio;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using Soundscape.Audio.Playback;

namespace Soundscape.Benchmarks;

/// <summary>
/// One second of 16 stereo layers at 48 kHz, mixed in 20 ms blocks: the engine's SIMD <see cref="LayerMixer"/>,
/// NAudio's <see cref="MixingSampleProvider"/> (each layer behind NAudio's <see cref="VolumeSampleProvider"/>) and a
/// plain scalar loop over the same pre-decoded samples. "× real time" = 1 s / the mean time of one op. The LayerMixer
/// stays in the engine only while it is clearly faster than MixingSampleProvider (docs/adr/0120).
/// </summary>
[MemoryDiagnoser, MedianColumn, MinColumn, MaxColumn]
public class MixingBenchmarks
{
    private const int Layers = 16;
    private const int BlockFrames = 960; // 20 ms; 50 blocks make exactly one second
    private const int Blocks = 50;
    private static readonly AudioFormat Format = AudioFormat.Stereo48k;

    private float[][] _layers = [];
    private float[] _volumes = [];
    private float[] _output = [];
    private LayerMixer _mixer = null!;
    private Limiter _limited = null!;
    private MixingSampleProvider _naudio = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var samplesPerLayer = Format.SampleRate * Format.Channels;
        _layers = new float[Layers][];
        _volumes = new float[Layers];
        for (var l = 0; l < Layers; l++)
        {
            _layers[l] = new float[samplesPerLayer];
            for (var i = 0; i < samplesPerLayer; i++)
                _layers[l][i] = (float)(random.NextDouble() * 2 - 1) * 0.5f;
            _volumes[l] = 0.05f + 0.05f * l;
        }
        _output = new float[BlockFrames * Format.Channels];
        _mixer = BuildMixer();
        _limited = new Limiter(BuildMixer());
        _naudio = new MixingSampleProvider(Format.ToWaveFormat());
        for (var l = 0; l < Layers; l++)
            _naudio.AddMixerInput(new VolumeSampleProvider(new LoopingProvider(new BufferSource(_layers[l], Format))) { Volume = _volumes[l] });
    }

    [Benchmark(Baseline = true, Description = "Scalar loop, 16 layers, 1 s")]
    public float ScalarLoop()
    {
        var output = _output;
        var checksum = 0f;
        for (var block = 0; block < Blocks; block++)
        {
            var offset = block * output.Length;
            Array.Clear(output);
            for (var l = 0; l < Layers; l++)
            {
                var layer = _layers[l];
                var volume = _volumes[l];
                for (var i = 0; i < output.Length; i++)
                    output[i] += layer[offset + i] * volume;
            }
            checksum += output[0];
        }
        return checksum;
    }

    [Benchmark(Description = "LayerMixer (SIMD), 16 layers, 1 s")]
    public float SimdMixer() => Render(_mixer);

    [Benchmark(Description = "NAudio MixingSampleProvider + VolumeSampleProvider, 16 layers, 1 s")]
    public float NAudioMixer() => Render(_naudio);

    [Benchmark(Description = "LayerMixer + Limiter, 16 layers, 1 s")]
    public float SimdMixerWithLimiter() => Render(_limited);

    private float Render(ISampleProvider provider)
    {
        var checksum = 0f;
        for (var block = 0; block < Blocks; block++)
        {
            provider.Read(_output);
            checksum += _output[0];
        }
        return checksum;
    }

    private LayerMixer BuildMixer()
    {
        var mixer = new LayerMixer(Format, BlockFrames);
        // Looping one-second clips: every op mixes exactly one second of each layer, and the mix never ends.
        for (var l = 0; l < Layers; l++)
            mixer.AddLayer(new BufferSource(_layers[l], Format), new LayerOptions(Volume: _volumes[l], Loop: true));
        return mixer;
    }
}
