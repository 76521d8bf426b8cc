using BenchmarkDotNet.Attributes;
using Soundscape.Audio;
using Soundscape.Audio.Analysis;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.Wav;

namespace Soundscape.Benchmarks;

/// <summary>
/// The import path's costs: analysing a sound, decoding WAV, generating a demo track.
/// dotnet run -c Release --project bench/Soundscape.Benchmarks -- --filter '*AudioAnalysis*'
/// </summary>
[MemoryDiagnoser]
public class AudioAnalysisBenchmarks
{
    private const int Rate = 44_100;
    private readonly EmbeddingAnalyzer _analyzer = new();
    private float[] _rain = [];
    private byte[] _stereoWav = [];
    private float[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        _rain = SoundGenerators.Rain(30, Rate, 1);
        var stereo = new float[_rain.Length * 2];
        for (int i = 0; i < _rain.Length; i++)
            stereo[2 * i] = stereo[(2 * i) + 1] = _rain[i];
        var file = new MemoryStream();
        using (var writer = new WavWriter(file, new AudioFormat(Rate, 2), WavSampleEncoding.Pcm16, leaveOpen: true))
            writer.Write(stereo);
        _stereoWav = file.ToArray();
        _buffer = new float[8192 * 2];
    }

    [Benchmark]
    public SoundEmbedding Analyze30SecondsOfRain() => _analyzer.Analyze(_rain, Rate).Embedding;

    [Benchmark]
    public long Decode30SecondsOfStereoPcm16()
    {
        using var reader = new WavReader(new MemoryStream(_stereoWav));
        long samples = 0;
        int got;
        while ((got = reader.Read(_buffer)) > 0)
            samples += got;
        return samples;
    }

    [Benchmark]
    public int Generate30SecondsOfThunder() => SoundGenerators.Thunder(30, Rate, 1).Length;
}
