using Soundscape.Audio.Wav;

namespace Soundscape.Audio.Synthesis;

/// <summary>One generated demo sound: its catalogue data and how to render it (mono, then written as stereo).</summary>
public sealed class DemoTrack
{
    private readonly Func<double, int, float[]> _render;

    internal DemoTrack(string title, DemoTrackKind kind, int seconds, Func<double, int, float[]> render)
    {
        Title = title;
        Kind = kind;
        Seconds = seconds;
        _render = render;
    }

    public string Title { get; }

    public string Artist => DemoLibrary.Artist;

    public DemoTrackKind Kind { get; }

    /// <summary>"soundscape" or "instrumental", the words the catalogue stores.</summary>
    public string Type => Kind == DemoTrackKind.Soundscape ? "soundscape" : "instrumental";

    public int Seconds { get; }

    /// <summary>A file name made from the title: lower case, words joined by hyphens, ".wav".</summary>
    public string FileName =>
        string.Join('-', Title.ToLowerInvariant().Split([' ', '+', '&', ','], StringSplitOptions.RemoveEmptyEntries)) + ".wav";

    /// <summary>The mono samples at <paramref name="sampleRate"/>; the same every time.</summary>
    public float[] RenderMono(int sampleRate) => _render(Seconds, sampleRate);

    /// <summary>Writes the track as 16-bit stereo (both channels equal) at <paramref name="sampleRate"/>.</summary>
    public void WriteWav(string path, int sampleRate = DemoLibrary.SampleRate)
    {
        float[] mono = RenderMono(sampleRate);
        using var writer = WavWriter.Create(path, new AudioFormat(sampleRate, 2), WavSampleEncoding.Pcm16);
        var stereo = new float[8192 * 2];
        for (int start = 0; start < mono.Length; start += stereo.Length / 2)
        {
            int frames = Math.Min(stereo.Length / 2, mono.Length - start);
            for (int i = 0; i < frames; i++)
                stereo[2 * i] = stereo[(2 * i) + 1] = mono[start + i];
            writer.Write(stereo.AsSpan(0, frames * 2));
        }
    }
}
