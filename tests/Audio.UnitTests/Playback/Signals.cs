using Soundscape.Audio.Playback;

namespace Soundscape.Audio.UnitTests.Playback;

/// <summary>Test signals and measurements on interleaved float buffers.</summary>
internal static class Signals
{
    public static float[] Sine(AudioFormat format, double frequency, double seconds, float amplitude = 0.5f) =>
        SineFrames(format, frequency, (int)Math.Round(seconds * format.SampleRate), amplitude);

    public static float[] SineFrames(AudioFormat format, double frequency, int frames, float amplitude = 0.5f)
    {
        var samples = new float[frames * format.Channels];
        for (var f = 0; f < frames; f++)
        {
            var value = (float)(amplitude * Math.Sin(2 * Math.PI * frequency * f / format.SampleRate));
            for (var c = 0; c < format.Channels; c++)
                samples[f * format.Channels + c] = value;
        }
        return samples;
    }

    /// <summary>Uniform white noise; the RMS of uniform noise in ±a is a / √3.</summary>
    public static float[] Noise(AudioFormat format, double seconds, int seed, float amplitude = 0.5f)
    {
        var random = new Random(seed);
        var samples = new float[(int)Math.Round(seconds * format.SampleRate) * format.Channels];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)((random.NextDouble() * 2 - 1) * amplitude);
        return samples;
    }

    /// <summary>Reads the provider to its end (or up to a limit) in blocks of the given size.</summary>
    public static float[] Render(ISampleProvider provider, int maxFrames = 48_000 * 60, int blockFrames = 1024)
    {
        var channels = provider.Format.Channels;
        var output = new List<float>();
        var block = new float[blockFrames * channels];
        while (output.Count < maxFrames * channels)
        {
            var read = provider.Read(block);
            output.AddRange(block.AsSpan(0, read));
            if (read < block.Length)
                break;
        }
        return output.Take(maxFrames * channels).ToArray();
    }

    public static float[] Channel(float[] interleaved, int channels, int channel)
    {
        var result = new float[interleaved.Length / channels];
        for (var f = 0; f < result.Length; f++)
            result[f] = interleaved[f * channels + channel];
        return result;
    }

    public static double Rms(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
            sum += (double)s * s;
        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>RMS of the component at one frequency (a single DFT bin over the span).</summary>
    public static double ToneRms(ReadOnlySpan<float> mono, int sampleRate, double frequency)
    {
        double re = 0, im = 0;
        for (var i = 0; i < mono.Length; i++)
        {
            var phase = 2 * Math.PI * frequency * i / sampleRate;
            re += mono[i] * Math.Cos(phase);
            im += mono[i] * Math.Sin(phase);
        }
        var amplitude = 2 * Math.Sqrt(re * re + im * im) / mono.Length;
        return amplitude / Math.Sqrt(2);
    }

    public static int RisingZeroCrossings(ReadOnlySpan<float> mono)
    {
        var count = 0;
        for (var i = 1; i < mono.Length; i++)
            if (mono[i - 1] < 0 && mono[i] >= 0)
                count++;
        return count;
    }

    /// <summary>Index of the first sample at or after <paramref name="from"/> whose magnitude reaches the threshold.</summary>
    public static int Onset(ReadOnlySpan<float> mono, float threshold, int from = 0)
    {
        for (var i = from; i < mono.Length; i++)
            if (Math.Abs(mono[i]) >= threshold)
                return i;
        return -1;
    }

    public static float Peak(ReadOnlySpan<float> samples)
    {
        var peak = 0f;
        foreach (var s in samples)
            peak = Math.Max(peak, Math.Abs(s));
        return peak;
    }
}
