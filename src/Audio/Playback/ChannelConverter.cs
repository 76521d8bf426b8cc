namespace Soundscape.Audio.Playback;

/// <summary>
/// Converts the channel count. Mono to N copies the one channel to every output; N to mono averages all channels
/// (an average, not a sum, so a full-scale stereo file stays within full scale). Otherwise output channel j takes
/// input channel j and, when downmixing, averages in every input channel i with i % M == j (so 5.1 folds onto the
/// front pair); when upmixing, the extra outputs repeat input j % N. No surround matrix: the spaces Soundscape
/// plays in use mono or stereo speakers, and files with more channels are rare.
/// </summary>
public sealed class ChannelConverter : ISampleProvider
{
    private const int ChunkFrames = 1024;
    private readonly ISampleProvider _source;
    private readonly int _in;
    private readonly int _out;
    private readonly float[] _scratch;

    public ChannelConverter(ISampleProvider source, int channels)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        Format = new AudioFormat(source.Format.SampleRate, channels);
        _in = source.Format.Channels;
        _out = channels;
        _scratch = new float[ChunkFrames * _in];
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
        if (_out == 1)
        {
            var scale = 1f / _in;
            for (var f = 0; f < frames; f++)
            {
                var sum = 0f;
                for (var c = 0; c < _in; c++)
                    sum += input[f * _in + c];
                output[f] = sum * scale;
            }
            return;
        }
        for (var f = 0; f < frames; f++)
        {
            var src = input.Slice(f * _in, _in);
            var dst = output.Slice(f * _out, _out);
            if (_out >= _in)
            {
                for (var j = 0; j < _out; j++)
                    dst[j] = src[j % _in];
                continue;
            }
            for (var j = 0; j < _out; j++)
            {
                var sum = 0f;
                var count = 0;
                for (var i = j; i < _in; i += _out)
                {
                    sum += src[i];
                    count++;
                }
                dst[j] = sum / count;
            }
        }
    }
}
