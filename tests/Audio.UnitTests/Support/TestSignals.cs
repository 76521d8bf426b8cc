using Soundscape.Audio.Analysis;

namespace Soundscape.Audio.UnitTests.Support;

internal static class TestSignals
{
    /// <summary>Interleaved frames of a sine, the same on every channel but scaled down per channel so channels are told apart.</summary>
    public static float[] Sine(double frequency, double seconds, int sampleRate, int channels = 1, float amplitude = 0.5f)
    {
        int frames = (int)Math.Round(seconds * sampleRate);
        var samples = new float[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            float value = amplitude * (float)Math.Sin(2 * Math.PI * frequency * i / sampleRate);
            for (int c = 0; c < channels; c++)
                samples[(i * channels) + c] = value / (c + 1);
        }

        return samples;
    }

    /// <summary>The first channel of interleaved samples.</summary>
    public static float[] FirstChannel(ReadOnlySpan<float> interleaved, int channels)
    {
        var mono = new float[interleaved.Length / channels];
        for (int i = 0; i < mono.Length; i++)
            mono[i] = interleaved[i * channels];
        return mono;
    }

    /// <summary>The strongest frequency of a mono signal, from a Hann-windowed FFT of its middle with parabolic peak interpolation.</summary>
    public static double DominantFrequency(ReadOnlySpan<float> mono, int sampleRate)
    {
        int size = 1;
        while (size * 2 <= Math.Min(mono.Length, 32768))
            size *= 2;
        var fft = new Fft(size);
        int start = (mono.Length - size) / 2;
        var windowed = new double[size];
        for (int i = 0; i < size; i++)
            windowed[i] = mono[start + i] * (0.5 - (0.5 * Math.Cos(2 * Math.PI * i / size)));
        var power = new double[(size / 2) + 1];
        fft.PowerSpectrum(windowed, power, new double[size], new double[size]);

        int peak = 1;
        for (int k = 2; k < power.Length - 1; k++)
        {
            if (power[k] > power[peak])
                peak = k;
        }

        double left = Math.Log(power[peak - 1] + 1e-30), centre = Math.Log(power[peak] + 1e-30), right = Math.Log(power[peak + 1] + 1e-30);
        double offset = 0.5 * (left - right) / (left - (2 * centre) + right);
        return (peak + offset) * sampleRate / size;
    }

    public static float[] ReadAll(IAudioReader reader)
    {
        var all = new List<float>();
        var buffer = new float[4096 * reader.Format.Channels];
        int got;
        while ((got = reader.Read(buffer)) > 0)
            all.AddRange(buffer.AsSpan(0, got));
        return all.ToArray();
    }
}
