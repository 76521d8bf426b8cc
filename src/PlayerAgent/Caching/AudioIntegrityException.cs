namespace Soundscape.PlayerAgent.Caching;

/// <summary>The server kept sending bytes that do not match the content hash; nothing was kept.</summary>
public sealed class AudioIntegrityException(Uri url, string expectedHash, string actualHash, int attempts)
    : Exception($"Audio from {url} failed verification {attempts} times: expected SHA-256 {expectedHash}, got {actualHash}. The download was discarded.")
{
    public Uri Url { get; } = url;
    public string ExpectedHash { get; } = expectedHash;
    public string ActualHash { get; } = actualHash;
}
