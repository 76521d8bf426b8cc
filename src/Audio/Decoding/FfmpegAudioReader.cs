using System.Diagnostics;
using System.Text;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.Decoding;

/// <summary>
/// Reads raw little-endian float32 frames from an ffmpeg process's standard output as ffmpeg produces them:
/// nothing is written to disk and only one buffer is held in memory.
/// </summary>
internal sealed class FfmpegAudioReader : IAudioReader
{
    private const int BufferBytes = 64 * 1024;
    private const int MaxErrorChars = 4000;

    private readonly Process _process;
    private Stream _output = Stream.Null;
    private readonly StringBuilder _errors = new();
    private readonly string _fileName;
    private readonly byte[] _buffer;
    private readonly int _frameBytes;
    private int _pending;
    private long _framesRead;
    private bool _ended;
    private bool _disposed;

    private FfmpegAudioReader(Process process, AudioFormat format, TimeSpan? duration, string fileName)
    {
        _process = process;
        Format = format;
        Duration = duration;
        _fileName = fileName;
        _frameBytes = format.Channels * sizeof(float);
        _buffer = new byte[BufferBytes - (BufferBytes % _frameBytes)];
    }

    public AudioFormat Format { get; }

    /// <summary>Unknown: compressed formats only estimate their length before they are decoded.</summary>
    public long? TotalFrames => null;

    public TimeSpan? Duration { get; }

    public static FfmpegAudioReader Start(string ffmpegPath, string fullPath, AudioFormat format, TimeSpan? duration)
    {
        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])
                 ["-v", "error", "-nostdin", "-i", fullPath, "-map", "0:a:0", "-f", "f32le", "-acodec", "pcm_f32le",
                  "-ac", format.Channels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                  "-ar", format.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-"])
            start.ArgumentList.Add(argument);

        var process = new Process { StartInfo = start };
        var reader = new FfmpegAudioReader(process, format, duration, Path.GetFileName(fullPath));

        // stderr is drained in the background: a full, unread stderr pipe would block ffmpeg and so our reads.
        process.ErrorDataReceived += (_, e) => reader.AppendError(e.Data);
        if (!process.Start())
            throw new UnsupportedAudioException("ffmpeg could not be started.");
        process.BeginErrorReadLine();
        reader._output = process.StandardOutput.BaseStream;
        return reader;
    }

    public int Read(Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int channels = Format.Channels;
        int wantedBytes = Math.Min(destination.Length / channels * _frameBytes, _buffer.Length);
        if (wantedBytes == 0 || _ended)
            return 0;

        while (_pending < _frameBytes)
        {
            int got = _output.Read(_buffer, _pending, wantedBytes - _pending);
            if (got == 0)
            {
                End();
                return 0;
            }

            _pending += got;
        }

        int wholeBytes = _pending - (_pending % _frameBytes);
        int samples = wholeBytes / sizeof(float);
        WavSampleConverter.Decode(_buffer.AsSpan(0, wholeBytes), destination[..samples], WavSampleEncoding.Float32);
        _buffer.AsSpan(wholeBytes, _pending - wholeBytes).CopyTo(_buffer);
        _pending -= wholeBytes;
        _framesRead += samples / channels;
        return samples;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
    }

    private void End()
    {
        _ended = true;
        _process.WaitForExit();

        // A decoding error after some audio (a damaged tail) keeps what was decoded; an error before any is the
        // file not being decodable at all.
        if (_process.ExitCode != 0 && _framesRead == 0)
        {
            string details;
            lock (_errors)
                details = _errors.Length > 0 ? _errors.ToString().Trim() : $"exit code {_process.ExitCode}";
            throw new UnsupportedAudioException($"ffmpeg could not decode '{_fileName}': {details}");
        }
    }

    private void AppendError(string? line)
    {
        if (line is null)
            return;
        lock (_errors)
        {
            if (_errors.Length < MaxErrorChars)
                _errors.AppendLine(line);
        }
    }
}
