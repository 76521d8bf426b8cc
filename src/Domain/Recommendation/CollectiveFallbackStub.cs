namespace Soundscape.Domain.Recommendation;

// Temporary; replaced by the domain-core branch.
public enum CollectiveFallback { Room, AllActiveListeners, PlayerDefault, Explore }
