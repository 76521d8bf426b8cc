using Soundscape.Audio.Playback.Sinks;

namespace Soundscape.Audio.UnitTests.Playback;

/// <summary>A scripted libasound, for the ALSA output's error handling.</summary>
internal sealed class FakeAlsa : IAlsaApi
{
    public Exception? ThrowOnOpen { get; init; }

    public int OpenResult { get; init; }

    public int SetParamsResult { get; init; }

    /// <summary>Results of successive writes; once used up, every write takes all frames.</summary>
    public Queue<long> WriteResults { get; init; } = new();

    public int RecoverResult { get; init; }

    public List<string> Calls { get; } = [];

    public int FramesPlayed { get; private set; }

    public int Open(out IntPtr pcm, string device)
    {
        Calls.Add($"open {device}");
        if (ThrowOnOpen is not null)
            throw ThrowOnOpen;
        pcm = OpenResult < 0 ? IntPtr.Zero : new IntPtr(1);
        return OpenResult;
    }

    public int SetParams(IntPtr pcm, AudioFormat format, uint latencyMicroseconds)
    {
        Calls.Add($"set_params {format.SampleRate} {format.Channels}");
        return SetParamsResult;
    }

    public long WriteInterleaved(IntPtr pcm, ReadOnlySpan<float> samples, int frames)
    {
        var result = WriteResults.Count > 0 ? Math.Min(WriteResults.Dequeue(), frames) : frames;
        Calls.Add($"writei {frames} -> {result}");
        if (result > 0)
            FramesPlayed += (int)result;
        return result;
    }

    public int Recover(IntPtr pcm, int error)
    {
        Calls.Add($"recover {error}");
        return RecoverResult;
    }

    public int Drain(IntPtr pcm)
    {
        Calls.Add("drain");
        return 0;
    }

    public int Close(IntPtr pcm)
    {
        Calls.Add("close");
        return 0;
    }

    public string Describe(int error) => $"fake error {error}";
}
