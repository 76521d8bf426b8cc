namespace Soundscape.Audio.Playback;

/// <summary>
/// Converts the channel count. Mono to N copies the one channel to every output. Fewer outputs than inputs is a
/// downmix by speaker position (<see cref="Downmix"/>): the centre reaches both sides at −3 dB, surrounds their own
/// side at −3 dB, LFE is dropped, and N to mono is the mean of that stereo pair (so stereo to mono averages). More
/// outputs than inputs repeats input j % N on output j: the spaces Soundscape plays in use mono or stereo speakers.
/// </summary>
public sealed class ChannelConverter : ISampleProvider
{
    private const int ChunkFrames = 1024;
    private readonly ISampleProvider _source;
    private readonly int _in;
    private readonly int _out;
    private readonly float[] _scratch;
    private readonly float[]? _downmix;

    public ChannelConverter(ISampleProvider source, int channels)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        Format = new AudioFormat(source.Format.SampleRate, channels);
        _in = source.Format.Channels;
        _out = channels;
        _scratch = new float[ChunkFrames * _in];
        if (_out < _in)
            _downmix = Downmix.Matrix(source.Format.Layout, Format.Layout);
    }

    public AudioFormat Format { get; }

    public int Read(Span<float> buffer)
    {
        var framesWanted = buffer.Length / _out;
        var framesDone = 0;
        while (framesDone < framesWanted)
        {
            var chunk = Math.Min(ChunkFrames, framesWanted - framesDone);
            var read = _source.Read(_scratch.AsSpan(0, chunk * _in)) / _in;
            Convert(_scratch.AsSpan(0, read * _in), buffer.Slice(framesDone * _out, read * _out), read);
            framesDone += read;
            if (read < chunk)
                break;
        }
        return framesDone * _out;
    }

    private void Convert(ReadOnlySpan<float> input, Span<float> output, int frames)
    {
        if (_in == 1)
        {
            for (var f = 0; f < frames; f++)
                output.Slice(f * _out, _out).Fill(input[f]);
            return;
        }
        if (_downmix is { } gains)
        {
            for (var f = 0; f < frames; f++)
            {
                var src = input.Slice(f * _in, _in);
                for (var j = 0; j < _out; j++)
                {
                    var row = gains.AsSpan(j * _in, _in);
                    var sum = 0f;
                    for (var i = 0; i < _in; i++)
                        sum += row[i] * src[i];
                    output[f * _out + j] = sum;
                }
            }
            return;
        }
        for (var f = 0; f < frames; f++)
        {
            var src = input.Slice(f * _in, _in);
            var dst = output.Slice(f * _out, _out);
            for (var j = 0; j < _out; j++)
                dst[j] = src[j % _in];
        }
    }
}
