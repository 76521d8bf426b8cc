using System.Security.Cryptography;

namespace Soundscape.PlayerAgent.Caching;

/// <summary>SHA-256 hex names: the cache's file names, so they are checked strictly (no path can sneak in).</summary>
public static class ContentHash
{
    public const int HexLength = 64;

    public static bool IsValid(string? value) =>
        value is { Length: HexLength } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Lower-cases and checks; throws for anything that is not 64 hex digits.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var lower = value.ToLowerInvariant();
        return IsValid(lower)
            ? lower
            : throw new ArgumentException($"A content hash is 64 hex digits (SHA-256), got '{value}'.", nameof(value));
    }

    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
