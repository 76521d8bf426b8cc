using Soundscape.Audio.Playback.Sinks;

namespace Soundscape.Audio.UnitTests.Playback;

/// <summary>Keeps what it is given, for tests.</summary>
internal sealed class CaptureSink : IAudioSink
{
    public string Name => "capture";

    public List<float> Samples { get; } = [];

    public AudioFormat? Format { get; private set; }

    public bool Closed { get; private set; }

    public int Writes { get; private set; }

    public Action? OnWrite { get; init; }

    public void Open(AudioFormat format) => Format = format;

    public void Write(ReadOnlySpan<float> samples)
    {
        Samples.AddRange(samples);
        Writes++;
        OnWrite?.Invoke();
    }

    public void Close() => Closed = true;

    public void Dispose() => Close();
}
