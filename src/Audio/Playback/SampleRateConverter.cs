namespace Soundscape.Audio.Playback;

/// <summary>
/// Streaming sample-rate converter: a Blackman-windowed sinc (32 taps, more when downsampling), evaluated from a
/// polyphase table.
/// </summary>
/// <remarks>
/// Why windowed sinc and not linear or cubic: linear interpolation leaves images and a treble droop that are
/// audible on the broadband ambiences Soundscape plays; a 32-tap windowed sinc is flat to about 16 kHz at 44.1/48 kHz
/// and costs 32 multiply-adds per output sample, a few percent of one core for 16 layers. When downsampling, the
/// kernel is widened by in/out so the transition band stays the same width at the output rate.
/// The read position advances by an exact fraction (input rate / output rate, kept as integers), so it never drifts,
/// and for the usual rate pairs (44.1 ↔ 48 kHz: 160 phases) every phase the converter meets has its own exact row in
/// the table. The cutoff is 0.95 of the lower Nyquist frequency, so downsampling filters out what cannot be kept.
/// The filter is centred (zero phase): the output is not delayed. The input is padded with silence before its start
/// and after its end, and the output has ceil(inputFrames × outRate / inRate) frames.
/// All buffers are allocated in the constructor; <see cref="Read"/> allocates nothing.
/// </remarks>
public sealed class SampleRateConverter : ISampleProvider
{
    private const int BaseHalfTaps = 16;
    private const int MaxPhases = 4096;
    private const int ChunkFrames = 1024;

    private readonly ISampleProvider _source;
    private readonly int _channels;
    private readonly int _inRate;
    private readonly int _outRate;
    private readonly int _phaseDivisor;
    private readonly int _phases;
    private readonly int _halfTaps;
    private readonly int _taps;
    private readonly float[] _table;
    private readonly float[] _window; // interleaved input frames; frame 0 is absolute input frame _windowStart
    private int _windowFrames;
    private long _windowStart;
    private long _index; // integer part of the read position, in absolute input frames
    private int _fraction; // fractional part of the read position, in units of 1 / _outRate
    private bool _sourceEnded;
    private long _inputFrames;

    public SampleRateConverter(ISampleProvider source, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        Format = new AudioFormat(sampleRate, source.Format.Channels, source.Format.Layout);
        _channels = source.Format.Channels;
        _inRate = source.Format.SampleRate;
        _outRate = sampleRate;

        // The fraction only ever takes multiples of gcd(in, out), so out / gcd phases cover every position exactly.
        var gcd = Gcd(_inRate, _outRate);
        var exactPhases = _outRate / gcd;
        _phases = Math.Min(exactPhases, MaxPhases);
        _phaseDivisor = exactPhases <= MaxPhases ? gcd : 0;
        var ratio = Math.Min(1.0, (double)_outRate / _inRate);
        _halfTaps = Math.Min(256, (int)Math.Ceiling(BaseHalfTaps / ratio));
        _taps = 2 * _halfTaps;
        _table = BuildTable(_phases, _halfTaps, ratio * 0.95);

        _window = new float[(ChunkFrames + 3 * _taps) * _channels];
        // Silence before the first frame, so the first output sample sees a full (zero-padded) history.
        _windowFrames = _halfTaps - 1;
        _windowStart = -(_halfTaps - 1);
    }

    public AudioFormat Format { get; }

    public int Read(Span<float> buffer)
    {
        var framesWanted = buffer.Length / _channels;
        var produced = 0;
        while (produced < framesWanted)
        {
            if (_sourceEnded && _index >= _inputFrames)
                break;
            var centre = (int)(_index - _windowStart);
            if (centre + _halfTaps >= _windowFrames)
            {
                Refill(centre);
                continue;
            }

            var phase = _phaseDivisor != 0 ? _fraction / _phaseDivisor : (int)((long)_fraction * _phases / _outRate);
            var coefficients = _table.AsSpan(phase * _taps, _taps);
            var first = (centre - _halfTaps + 1) * _channels;
            var output = buffer.Slice(produced * _channels, _channels);
            for (var c = 0; c < _channels; c++)
            {
                var sum = 0f;
                var at = first + c;
                for (var t = 0; t < _taps; t++, at += _channels)
                    sum += _window[at] * coefficients[t];
                output[c] = sum;
            }

            produced++;
            _fraction += _inRate;
            while (_fraction >= _outRate)
            {
                _fraction -= _outRate;
                _index++;
            }
        }
        return produced * _channels;
    }

    /// <summary>Drops frames the filter no longer needs, then reads more input (or pads the end with silence).</summary>
    private void Refill(int centre)
    {
        // When downsampling far, the read position can jump past the whole window: then nothing is kept.
        var keepFrom = Math.Clamp(centre - _halfTaps + 1, 0, _windowFrames);
        var keep = _windowFrames - keepFrom;
        _window.AsSpan(keepFrom * _channels, keep * _channels).CopyTo(_window);
        _windowStart += keepFrom;
        _windowFrames = keep;

        var capacity = _window.Length / _channels;
        if (_sourceEnded)
            throw new InvalidOperationException("The converter ran out of padded input; this is a bug.");
        var room = capacity - _windowFrames - _halfTaps; // leave room for the silent tail
        var read = _source.Read(_window.AsSpan(_windowFrames * _channels, room * _channels)) / _channels;
        _windowFrames += read;
        if (read < room)
        {
            _sourceEnded = true;
            _inputFrames = _windowStart + _windowFrames;
            _window.AsSpan(_windowFrames * _channels, _halfTaps * _channels).Clear();
            _windowFrames += _halfTaps;
        }
    }

    private static float[] BuildTable(int phases, int halfTaps, double cutoff)
    {
        var taps = 2 * halfTaps;
        var table = new float[phases * taps];
        for (var p = 0; p < phases; p++)
        {
            var fraction = (double)p / phases;
            var row = table.AsSpan(p * taps, taps);
            var sum = 0.0;
            for (var t = 0; t < taps; t++)
            {
                // Tap t sits at input offset (t - HalfTaps + 1) from the integer position; its distance to the
                // fractional read position is that offset minus the fraction.
                var x = t - halfTaps + 1 - fraction;
                var w = Blackman(x / halfTaps);
                var value = cutoff * Sinc(cutoff * x) * w;
                row[t] = (float)value;
                sum += value;
            }
            // Unity gain at DC for every phase, so a constant signal stays constant.
            for (var t = 0; t < taps; t++)
                row[t] = (float)(row[t] / sum);
        }
        return table;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double Blackman(double x) =>
        Math.Abs(x) >= 1.0 ? 0.0 : 0.42 + 0.5 * Math.Cos(Math.PI * x) + 0.08 * Math.Cos(2 * Math.PI * x);

    private static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
