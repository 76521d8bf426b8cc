namespace Soundscape.Domain.Recommendation;

/// <summary>Which source the collective vector came from, stored with each queued item as part of its explanation.</summary>
public enum CollectiveFallback
{
    /// <summary>The listeners checked in at the player.</summary>
    Room,

    /// <summary>Nobody in the room had a signal, so every active listener anywhere.</summary>
    AllActiveListeners,

    /// <summary>No active listener had a signal, so the player's configured default.</summary>
    PlayerDefault,

    /// <summary>No signal at all: the vector is zero and the least recently played sounds should be preferred.</summary>
    Explore,
}
