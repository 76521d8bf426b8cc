namespace Soundscape.PlayerAgent.Caching;

/// <summary>One audio file the queue refers to: where to fetch it and what its bytes must hash to.</summary>
/// <param name="Url">Absolute, or relative to the HttpClient's base address; it may redirect.</param>
/// <param name="ContentHash">SHA-256 of the bytes, hex (lower-case by convention; upper-case is accepted).</param>
/// <param name="Size">The byte count when the server knows it; lets a complete partial skip the network.</param>
public sealed record CachedAudioRequest(Uri Url, string ContentHash, long? Size = null);
