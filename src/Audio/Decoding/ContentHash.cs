using System.Security.Cryptography;

namespace Soundscape.Audio.Decoding;

/// <summary>SHA-256 of a file's bytes as lower-case hex: the key of the content-addressed audio store.</summary>
public static class ContentHash
{
    public static async Task<string> Sha256HexAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return await Sha256HexAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hashes the stream from its current position to its end, a buffer at a time.</summary>
    public static async Task<string> Sha256HexAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        byte[] hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }
}
