using Soundscape.Domain.Common;

namespace Soundscape.Domain.Library;

/// <summary>One layer of a mix. Value object: equal when every setting is equal.</summary>
public sealed record MixLayer
{
    public MixLayer(Guid soundId, double volume, bool loop, double delaySeconds)
    {
        if (!double.IsFinite(volume) || volume is < 0 or > 1)
            throw new DomainValidationException("volume", "volume must be between 0 and 1.");
        SoundId = soundId;
        Volume = volume;
        Loop = loop;
        DelaySeconds = Guard.FiniteNonNegative(delaySeconds, "delaySeconds");
    }

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

    public void ReplaceLayers(IEnumerable<MixLayer> layers, double durationSeconds, DateTimeOffset now)
    {
        var list = layers.ToList();
        if (list.Count is 0 or > MaxLayers)
            throw new DomainValidationException("layers", $"a mix has between 1 and {MaxLayers} layers.");
        _layers.Clear();
        _layers.AddRange(list);
        DurationSeconds = Guard.FiniteNonNegative(durationSeconds, "duration");
        UpdatedAt = now;
    }

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
