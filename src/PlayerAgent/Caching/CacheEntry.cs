namespace Soundscape.PlayerAgent.Caching;

/// <summary>A complete file in the cache folder. <see cref="Verified"/> is per process: files found at start-up are hashed on first use.</summary>
internal sealed class CacheEntry(string hash, long size, bool verified, DateTime lastUsedUtc)
{
    public string Hash { get; } = hash;
    public long Size { get; } = size;
    public bool Verified { get; set; } = verified;
    public DateTime LastUsedUtc { get; set; } = lastUsedUtc;
}
