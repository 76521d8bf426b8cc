using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Recommendation;

/// <param name="Vector">Unit length, or zero when <paramref name="Fallback"/> is <see cref="CollectiveFallback.Explore"/>.</param>
/// <param name="ListenerCount">Everyone in the room, including listeners without a signal yet.</param>
/// <param name="Contributors">How many listeners' tastes (non-zero ones) made <paramref name="Vector"/>: those of the room,
/// or of everyone active for <see cref="CollectiveFallback.AllActiveListeners"/>; 0 for the player's default and explore.</param>
public sealed record CollectiveVector(TasteVector Vector, CollectiveFallback Fallback, int ListenerCount, int Contributors = 0)
{
    /// <summary>
    /// The fewest listeners' tastes a vector shown to the public may come from (issue 11, item 8): the mean direction of
    /// one or two people is their taste, or nearly.
    /// </summary>
    public const int MinimumPublicContributors = 3;

    /// <summary>
    /// What the public room view may show of the room's taste: the vector when at least
    /// <see cref="MinimumPublicContributors"/> listeners' tastes made it, or when it is the player's default (a
    /// manager's setting, nobody's taste); null otherwise, and null when exploring (no direction).
    /// </summary>
    public TasteVector? PublicVector => Fallback switch
    {
        CollectiveFallback.Room or CollectiveFallback.AllActiveListeners when Contributors >= MinimumPublicContributors => Vector,
        CollectiveFallback.PlayerDefault => Vector,
        _ => null,
    };
}
