using Soundscape.Domain.Common;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Listeners;

/// <summary>A listener's public profile and learned taste; its id is the user's id.</summary>
public sealed class Profile : Entity
{
    public const int MaxDisplayNameLength = 80;
    public const int MaxAvatarUrlLength = 2048;

    private Profile(Guid id, string displayName, DateTimeOffset createdAt) : base(id, createdAt)
    {
        DisplayName = displayName;
        UpdatedAt = createdAt;
    }

    public string DisplayName { get; private set; }
    public string? AvatarUrl { get; private set; }
    public TasteVector PreferenceVector { get; private set; } = TasteVector.Zero;
    public TasteVector PreferenceVelocity { get; private set; } = TasteVector.Zero;
    public int VoteCount { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Profile Create(Guid userId, string displayName, DateTimeOffset now) =>
        new(userId, Guard.Required(displayName, "displayName", MaxDisplayNameLength), now);

    public void Rename(string displayName, DateTimeOffset now)
    {
        DisplayName = Guard.Required(displayName, "displayName", MaxDisplayNameLength);
        UpdatedAt = now;
    }

    public void ChangeAvatar(string? avatarUrl, DateTimeOffset now)
    {
        var url = Guard.Optional(avatarUrl, "avatarUrl", MaxAvatarUrlLength);
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw new DomainValidationException("avatarUrl", "avatarUrl must be an absolute URL.");
        AvatarUrl = url;
        UpdatedAt = now;
    }

    /// <summary>Records a counted vote and the taste the learning rule produced for it.</summary>
    public void ApplyLearnedTaste(TasteVector preference, TasteVector velocity, DateTimeOffset now)
    {
        PreferenceVector = preference;
        PreferenceVelocity = velocity;
        UpdatedAt = now;
    }

    /// <summary>
    /// Takes a taste brought from elsewhere (the V1 <c>preferences</c> table): its direction, normalised to the unit
    /// sphere as the learning rule expects (DESIGN §4), with no velocity, since no vote here led to it.
    /// </summary>
    /// <returns>False when the profile already held exactly that taste with no velocity (nothing changed).</returns>
    /// <exception cref="DomainValidationException">"vector": the taste has no direction (zero, or too small or large for a cosine).</exception>
    public bool ImportTaste(TasteVector taste, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(taste);
        if (!taste.HasDirection)
            throw new DomainValidationException("vector", "A taste without a direction (zero, or too small or large for a cosine) cannot be imported.");
        // Stored as float4 (pgvector), so "unchanged" is judged at that precision.
        var unit = TasteVector.FromValues(taste.Normalize().ToSingleArray());
        if (PreferenceVelocity.IsZero && PreferenceVector.ToSingleArray().AsSpan().SequenceEqual(unit.ToSingleArray()))
            return false;
        PreferenceVector = unit;
        PreferenceVelocity = TasteVector.Zero;
        UpdatedAt = now;
        return true;
    }

    public void CountVote(DateTimeOffset now)
    {
        VoteCount++;
        UpdatedAt = now;
    }
}
