using Soundscape.Domain.Common;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Library;

public enum SoundType
{
    Soundscape,
    Instrumental,
}

/// <summary>
/// An audio file of the library. <see cref="Embedding"/> is the one that ranks: the calculated one, or an admin's
/// override; <see cref="CalculatedEmbedding"/> keeps what the analysis found, so an override can be undone.
/// </summary>
public sealed class Sound : Entity
{
    public const int MaxTitleLength = 200;
    public const int MaxArtistLength = 200;
    public const int MaxFilePathLength = 1024;
    public const int MaxContentTypeLength = 100;

    /// <summary>Axis change (0..1 units) below which a new analysis counts as the same embedding: vector(5) is single precision.</summary>
    public const double RecalculationTolerance = 1e-6;

    private Sound(Guid id, string title, string filePath, string contentHash, DateTimeOffset createdAt) : base(id, createdAt)
    {
        Title = title;
        FilePath = filePath;
        ContentHash = contentHash;
        UpdatedAt = createdAt;
    }

    public string Title { get; private set; }
    public string? Artist { get; private set; }
    public string FilePath { get; private set; }
    public SoundType Type { get; private set; }
    public TasteVector? Embedding { get; private set; }

    /// <summary>What the analysis of the audio found (null when it found no direction). Never changed by an override.</summary>
    public TasteVector? CalculatedEmbedding { get; private set; }

    /// <summary>True when an admin's override ranks instead of the calculated embedding.</summary>
    public bool IsEmbeddingOverridden => !Equals(Embedding, CalculatedEmbedding);
    public double DurationSeconds { get; private set; }
    public double? Bpm { get; private set; }
    public string ContentHash { get; private set; }

    /// <summary>The media type of the stored file ("audio/wav"), sniffed from its content when it was stored; null for a
    /// sound stored before the type was kept, until it is sniffed (see <see cref="RecordContentType"/>).</summary>
    public string? ContentType { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Sound Register(
        string title, string? artist, SoundType type, string filePath, string contentHash,
        double durationSeconds, TasteVector? embedding, DateTimeOffset now, string? contentType = null)
    {
        if (!Enum.IsDefined(type))
            throw new DomainValidationException("type", "type must be soundscape or instrumental.");
        if (string.IsNullOrWhiteSpace(contentHash) || contentHash.Length != 64)
            throw new DomainValidationException("contentHash", "contentHash must be a SHA-256 hex digest.");
        var calculated = embedding is { HasDirection: true } ? embedding : null;
        return new Sound(NewId(), Guard.Required(title, "title", MaxTitleLength),
            Guard.Required(filePath, "filePath", MaxFilePathLength), contentHash.ToLowerInvariant(), now)
        {
            Artist = Guard.Optional(artist, "artist", MaxArtistLength),
            Type = type,
            ContentType = Guard.Optional(contentType, "contentType", MaxContentTypeLength),
            DurationSeconds = Guard.FiniteNonNegative(durationSeconds, "duration"),
            // An analysis that found no direction (silence, or values too small to rank) is no embedding: the sound
            // waits for an admin's, rather than rank as NaN.
            Embedding = calculated,
            CalculatedEmbedding = calculated,
        };
    }

    public void Describe(string? title, string? artist, SoundType? type, DateTimeOffset now)
    {
        if (title is not null) Title = Guard.Required(title, "title", MaxTitleLength);
        if (artist is not null) Artist = Guard.Optional(artist, "artist", MaxArtistLength);
        if (type is { } t)
        {
            if (!Enum.IsDefined(t))
                throw new DomainValidationException("type", "type must be soundscape or instrumental.");
            Type = t;
        }
        UpdatedAt = now;
    }

    /// <summary>Overrides (or, with null, removes) the ranking embedding; the calculated one is kept.</summary>
    /// <exception cref="DomainValidationException">"embedding", when the vector has no direction (<see cref="TasteVector.HasDirection"/>).</exception>
    public void SetEmbedding(TasteVector? embedding, DateTimeOffset now)
    {
        if (embedding is { HasDirection: false })
            throw new DomainValidationException("embedding",
                $"embedding must have a direction: a length from {TasteVector.MinDirectionLength:G} to {TasteVector.MaxDirectionLength:G}, not all zero.");
        Embedding = embedding;
        UpdatedAt = now;
    }

    /// <summary>Drops an override: the calculated embedding ranks again (none, if the analysis found none).</summary>
    public void ResetEmbedding(DateTimeOffset now)
    {
        Embedding = CalculatedEmbedding;
        UpdatedAt = now;
    }

    /// <summary>
    /// Keeps a new analysis of the same audio (after the analyzer changed): it becomes <see cref="CalculatedEmbedding"/>,
    /// and it ranks unless an admin's override does, which stays as it is. A result without a direction is no embedding.
    /// </summary>
    /// <returns>True when the calculated embedding changed by more than <see cref="RecalculationTolerance"/> on an axis.</returns>
    public bool Recalculate(TasteVector? calculated, DateTimeOffset now)
    {
        var fresh = calculated is { HasDirection: true } ? calculated : null;
        // The database keeps single precision: the same analysis read back differs from a fresh one by ~1e-8.
        if (fresh is null ? CalculatedEmbedding is null
            : CalculatedEmbedding is not null && fresh.ApproximatelyEquals(CalculatedEmbedding, RecalculationTolerance))
            return false;
        if (!IsEmbeddingOverridden)
            Embedding = fresh;
        CalculatedEmbedding = fresh;
        UpdatedAt = now;
        return true;
    }

    public void SetBpm(double? bpm, DateTimeOffset now)
    {
        Bpm = bpm is { } b ? Guard.FiniteNonNegative(b, "bpm") : null;
        UpdatedAt = now;
    }

    /// <summary>Keeps the media type sniffed from the stored file's content; the file itself does not change, so neither
    /// does <see cref="UpdatedAt"/> (the audio's Last-Modified).</summary>
    public void RecordContentType(string contentType) =>
        ContentType = Guard.Required(contentType, "contentType", MaxContentTypeLength);
}
