using Soundscape.Domain.Common;

namespace Soundscape.Domain.Library;

/// <summary>One layer of a mix. Value object: equal when every setting is equal.</summary>
public sealed record MixLayer
{
    /// <summary>
    /// The quietest layer: 0.0001 (−80 dBFS). A smaller gain is inaudible and underflows the mix's direction, so a layer is
    /// either muted (0) or at least this.
    /// </summary>
    public const double MinAudibleVolume = 1e-4;

    /// <summary>The longest start delay, in seconds (one hour).</summary>
    public const double MaxDelaySeconds = 3600;

    public const string VolumeRule = "volume must be 0 or between 0.0001 (−80 dBFS) and 1.";

    public const string DelayRule = "delaySeconds must be between 0 and 3600 (one hour).";

    /// <param name="volume">A linear gain: 0 (muted) or from <see cref="MinAudibleVolume"/> to 1.</param>
    /// <param name="delaySeconds">Seconds from the mix's start, 0 to <see cref="MaxDelaySeconds"/>.</param>
    /// <exception cref="DomainValidationException">A volume or delay outside those ranges, or not finite.</exception>
    public MixLayer(Guid soundId, double volume, bool loop, double delaySeconds)
    {
        if (!IsValidVolume(volume))
            throw new DomainValidationException("volume", VolumeRule);
        if (!IsValidDelay(delaySeconds))
            throw new DomainValidationException("delaySeconds", DelayRule);
        SoundId = soundId;
        Volume = volume;
        Loop = loop;
        DelaySeconds = delaySeconds;
    }

    /// <summary>0, or a finite gain in [<see cref="MinAudibleVolume"/>, 1]: no volume so small that it underflows.</summary>
    public static bool IsValidVolume(double volume) => volume == 0 || volume is >= MinAudibleVolume and <= 1;

    /// <summary>A finite delay in [0, <see cref="MaxDelaySeconds"/>] seconds.</summary>
    public static bool IsValidDelay(double delaySeconds) => delaySeconds is >= 0 and <= MaxDelaySeconds;

    public Guid SoundId { get; init; }
    public double Volume { get; init; }
    public bool Loop { get; init; }
    public double DelaySeconds { get; init; }
}

/// <summary>Up to sixteen sounds layered with their own volume, loop and start delay.</summary>
public sealed class Mix : Entity
{
    public const int MaxLayers = 16;
    public const int MaxNameLength = 120;

    /// <summary>The longest mix, in seconds (24 h).</summary>
    public const double MaxDurationSeconds = 24 * 3600;

    private readonly List<MixLayer> _layers = [];

    private Mix(Guid id, Guid creatorId, string name, DateTimeOffset createdAt) : base(id, createdAt)
    {
        CreatorId = creatorId;
        Name = name;
        UpdatedAt = createdAt;
    }

    public string Name { get; private set; }
    public Guid CreatorId { get; private set; }
    public IReadOnlyList<MixLayer> Layers => _layers;
    public bool IsPublic { get; private set; }
    public double DurationSeconds { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Mix Create(Guid creatorId, string name, IEnumerable<MixLayer> layers, bool isPublic, double durationSeconds, DateTimeOffset now)
    {
        var mix = new Mix(NewId(), creatorId, Guard.Required(name, "name", MaxNameLength), now) { IsPublic = isPublic };
        mix.ReplaceLayers(layers, durationSeconds, now);
        return mix;
    }

    /// <param name="durationSeconds">From <see cref="MixDuration.Calculate"/>: 0 to <see cref="MaxDurationSeconds"/>.</param>
    /// <exception cref="DomainValidationException">0 or more than <see cref="MaxLayers"/> layers ("layers"), or a
    /// duration that is negative, not finite or longer than <see cref="MaxDurationSeconds"/> ("layers", since the
    /// layers make it).</exception>
    public void ReplaceLayers(IEnumerable<MixLayer> layers, double durationSeconds, DateTimeOffset now)
    {
        var list = layers.ToList();
        if (list.Count is 0 or > MaxLayers)
            throw new DomainValidationException("layers", $"a mix has between 1 and {MaxLayers} layers.");
        Guard.FiniteNonNegative(durationSeconds, "duration");
        if (durationSeconds > MaxDurationSeconds)
            throw new DomainValidationException("layers", TooLongMessage(durationSeconds));
        _layers.Clear();
        _layers.AddRange(list);
        DurationSeconds = durationSeconds;
        UpdatedAt = now;
    }

    /// <summary>The refusal of a mix lasting <paramref name="durationSeconds"/> (more than <see cref="MaxDurationSeconds"/>).</summary>
    public static string TooLongMessage(double durationSeconds) =>
        FormattableString.Invariant($"A mix lasts at most 24 h (86400 s); these layers last {durationSeconds:0.#} s.");

    public void Rename(string name, DateTimeOffset now)
    {
        Name = Guard.Required(name, "name", MaxNameLength);
        UpdatedAt = now;
    }

    public void Publish(bool isPublic, DateTimeOffset now)
    {
        IsPublic = isPublic;
        UpdatedAt = now;
    }
}
