namespace Soundscape.Audio.Playback.Sinks;

/// <summary>Discards everything; counts what it was given (for dry runs and tests).</summary>
public sealed class NullSink : IAudioSink
{
    public string Name => "null output";

    public AudioFormat? Format { get; private set; }

    public long FramesWritten { get; private set; }

    public void Open(AudioFormat format)
    {
        Format = format;
        FramesWritten = 0;
    }

    public void Write(ReadOnlySpan<float> samples)
    {
        var format = Format ?? throw new InvalidOperationException("The null output was written before it was opened.");
        FramesWritten += samples.Length / format.Channels;
    }

    public void Close() => Format = null;

    public void Dispose() => Close();
}
