namespace Soundscape.Audio.Playback;

/// <summary>
/// Plays items one after another, overlapping the end of each with the start of the next in an equal-power
/// crossfade (3 s by default).
/// </summary>
/// <remarks>
/// Curve: the outgoing item is scaled by cos(π/2·t) and the incoming one by sin(π/2·t), t going 0 → 1. The squares
/// sum to 1, so two unrelated sounds of equal loudness keep the same power all through the fade (no dip). Soundscape
/// crossfades between different ambiences, which are uncorrelated, so this is the right curve; for two identical,
/// in-phase signals the amplitudes add instead and the middle of the fade is up to +3 dB louder (never quieter) —
/// the limiter after the queue keeps that within full scale. A linear (equal-gain) fade would be the choice for
/// identical material but dips 3 dB in the middle for unrelated material, which is the common case here.
/// <para>
/// Streams do not announce their length, so the queue reads each item one crossfade ahead: the last
/// <see cref="Crossfade"/> of the current item is already in memory when the item ends, and is mixed with the start
/// of the next. An item shorter than the crossfade is faded over its whole length. When the queue runs dry,
/// <see cref="Read"/> returns a short block (the end); enqueue more and read again to continue. If no next item is
/// queued when the current one ends, its tail plays out unfaded.
/// </para>
/// Read allocates nothing; the look-ahead buffer grows only when a caller passes a larger buffer than ever before.
/// </remarks>
public sealed class CrossfadeQueue : ISampleProvider, IAudioFormatted
{
    public static readonly TimeSpan DefaultCrossfade = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private readonly Queue<(ISampleProvider Source, object? Tag)> _pending = new();
    private readonly int _channels;
    private readonly int _fadeFrames;
    private float[] _ahead = [];
    private int _aheadStart; // in samples
    private int _aheadEnd;
    private float[] _incomingScratch = [];
    private ISampleProvider? _current;
    private object? _currentTag;
    private bool _currentEnded;
    private bool _skipRequested;
    private ISampleProvider? _incoming; // null during a fade to silence
    private object? _incomingTag;
    private bool _incomingEnded;
    private int _fadeLength; // frames; 0 when not fading
    private int _fadePosition;

    public CrossfadeQueue(AudioFormat format, TimeSpan? crossfade = null, int expectedBlockFrames = 4096)
    {
        var fade = crossfade ?? DefaultCrossfade;
        if (fade < TimeSpan.Zero || fade > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(crossfade), fade, "A crossfade lasts from 0 to 60 seconds.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(expectedBlockFrames);
        Format = format;
        WaveFormat = format.ToWaveFormat();
        Crossfade = fade;
        _channels = format.Channels;
        _fadeFrames = (int)Math.Round(fade.TotalSeconds * format.SampleRate);
        EnsureCapacity(expectedBlockFrames);
    }

    /// <summary>An item's first sample was rendered; the argument is the tag it was queued with.</summary>
    public event Action<object?>? ItemStarted;

    /// <summary>An item's last sample was rendered (end of its fade-out, or of its tail).</summary>
    public event Action<object?>? ItemEnded;

    public AudioFormat Format { get; }

    public WaveFormat WaveFormat { get; }

    public TimeSpan Crossfade { get; }

    /// <summary>Items queued and not yet started.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
                return _pending.Count;
        }
    }

    /// <summary>True while no item is playing and none is queued.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
                return _current is null && _pending.Count == 0;
        }
    }

    /// <summary>The tag of the item playing (the outgoing one during a crossfade), or null.</summary>
    public object? CurrentTag
    {
        get
        {
            lock (_gate)
                return _current is null ? null : _currentTag;
        }
    }

    /// <summary>Queues an item of any format (it is converted to the queue's format), with a tag for the events.</summary>
    public void Enqueue(ISampleProvider item, object? tag = null)
    {
        ArgumentNullException.ThrowIfNull(item);
        var converted = item.ConvertTo(Format); // outside the lock: converters allocate their buffers here
        lock (_gate)
            _pending.Enqueue((converted, tag));
    }

    /// <summary>
    /// Removes the items queued and not yet started (never the playing one nor one fading in) and returns their tags
    /// in queue order. A player uses it when its plan changes: what was lined up next is replaced, what plays stays.
    /// </summary>
    public IReadOnlyList<object?> ClearPending()
    {
        lock (_gate)
        {
            var removed = _pending.Select(p => p.Tag).ToList();
            _pending.Clear();
            return removed;
        }
    }

    /// <summary>
    /// Ends the current item early: crossfades into the next queued item from the next read, or fades out to silence
    /// when nothing is queued. Does nothing while idle or while a crossfade is already running.
    /// </summary>
    public void Skip()
    {
        lock (_gate)
        {
            if (_current is null || _fadeLength > 0)
                return;
            _currentEnded = true;
            _skipRequested = true;
            // At most one crossfade of the item is left in the look-ahead; that becomes its faded tail.
            _aheadEnd = Math.Min(_aheadEnd, _aheadStart + _fadeFrames * _channels);
        }
    }

    public int Read(Span<float> buffer)
    {
        lock (_gate)
            return ReadLocked(buffer);
    }

    private int ReadLocked(Span<float> buffer)
    {
        EnsureCapacity(buffer.Length / _channels);
        var produced = 0;
        while (produced < buffer.Length)
        {
            var output = buffer[produced..];
            var outFrames = output.Length / _channels;
            if (_fadeLength > 0)
            {
                produced += FadeStep(output, outFrames);
                continue;
            }
            if (_current is null)
            {
                if (!_pending.TryDequeue(out var next))
                    break;
                _current = next.Source;
                _currentTag = next.Tag;
                _currentEnded = false;
                _skipRequested = false;
                _aheadStart = _aheadEnd = 0;
                ItemStarted?.Invoke(_currentTag);
            }

            if (!_currentEnded)
                FillAhead(outFrames + _fadeFrames);
            var aheadFrames = (_aheadEnd - _aheadStart) / _channels;
            if (!_currentEnded)
            {
                // Keep one crossfade of the current item in reserve: it may turn out to be its tail.
                produced += TakeAhead(output, Math.Min(outFrames, aheadFrames - _fadeFrames));
                continue;
            }

            // The current item has ended (or was skipped): everything left of it is in the look-ahead buffer.
            var fadeLength = Math.Min(_fadeFrames, aheadFrames);
            if ((_pending.Count > 0 || _skipRequested) && fadeLength > 0)
            {
                if (aheadFrames > fadeLength)
                {
                    produced += TakeAhead(output, Math.Min(outFrames, aheadFrames - fadeLength));
                    continue;
                }
                StartFade(fadeLength);
                continue;
            }
            if (aheadFrames > 0)
            {
                produced += TakeAhead(output, Math.Min(outFrames, aheadFrames));
                continue;
            }
            var endedTag = _currentTag;
            _current = null;
            _currentTag = null;
            ItemEnded?.Invoke(endedTag);
        }
        return produced;
    }

    private void StartFade(int fadeLength)
    {
        _fadeLength = fadeLength;
        _fadePosition = 0;
        _skipRequested = false;
        if (_pending.TryDequeue(out var next))
        {
            _incoming = next.Source;
            _incomingTag = next.Tag;
            _incomingEnded = false;
            ItemStarted?.Invoke(_incomingTag);
        }
        else
        {
            // A skip with nothing queued: fade out to silence.
            _incoming = null;
            _incomingTag = null;
            _incomingEnded = true;
        }
    }

    private int FadeStep(Span<float> output, int outFrames)
    {
        var frames = Math.Min(outFrames, _fadeLength - _fadePosition);
        var samples = frames * _channels;
        var incoming = _incomingScratch.AsSpan(0, samples);
        var read = _incomingEnded ? 0 : _incoming!.Read(incoming);
        if (read < samples)
        {
            _incomingEnded = true;
            incoming[read..].Clear();
        }
        var outgoing = _ahead.AsSpan(_aheadStart, samples);
        for (var f = 0; f < frames; f++)
        {
            var t = (_fadePosition + f + 0.5f) / _fadeLength;
            var (sin, cos) = MathF.SinCos(MathF.PI / 2 * t);
            for (var c = 0; c < _channels; c++)
            {
                var i = f * _channels + c;
                output[i] = outgoing[i] * cos + incoming[i] * sin;
            }
        }
        _aheadStart += samples;
        _fadePosition += frames;
        if (_fadePosition == _fadeLength)
        {
            var endedTag = _currentTag;
            _current = _incoming;
            _currentTag = _incomingTag;
            _currentEnded = _incomingEnded;
            _incoming = null;
            _incomingTag = null;
            _fadeLength = 0;
            _aheadStart = _aheadEnd = 0;
            ItemEnded?.Invoke(endedTag);
        }
        return samples;
    }

    private int TakeAhead(Span<float> output, int frames)
    {
        var samples = frames * _channels;
        _ahead.AsSpan(_aheadStart, samples).CopyTo(output);
        _aheadStart += samples;
        return samples;
    }

    /// <summary>Reads the current item until the look-ahead holds <paramref name="frames"/> frames or the item ends.</summary>
    private void FillAhead(int frames)
    {
        var target = frames * _channels;
        if (_aheadEnd - _aheadStart >= target)
            return;
        // Compact only when the free space at the end is too small: the buffer is twice what is needed, so this
        // moves data about once per crossfade length rather than once per block.
        if (_aheadStart + target > _ahead.Length)
        {
            _ahead.AsSpan(_aheadStart, _aheadEnd - _aheadStart).CopyTo(_ahead);
            _aheadEnd -= _aheadStart;
            _aheadStart = 0;
        }
        var want = _aheadStart + target - _aheadEnd;
        var read = _current!.Read(_ahead.AsSpan(_aheadEnd, want));
        _aheadEnd += read;
        if (read < want)
            _currentEnded = true;
    }

    private void EnsureCapacity(int blockFrames)
    {
        var needed = 2 * (blockFrames + _fadeFrames) * _channels;
        if (_ahead.Length >= needed)
            return;
        var grown = new float[needed];
        _ahead.AsSpan(_aheadStart, _aheadEnd - _aheadStart).CopyTo(grown);
        _aheadEnd -= _aheadStart;
        _aheadStart = 0;
        _ahead = grown;
        _incomingScratch = new float[blockFrames * _channels];
    }
}
