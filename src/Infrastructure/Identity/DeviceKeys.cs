using System.Security.Cryptography;
using System.Text;
using Soundscape.Application.Common.Security;

namespace Soundscape.Infrastructure.Identity;

/// <summary>
/// 32 random bytes as base64url; stored as the lower-case SHA-256 hex of the key's text. A key with 256 bits of
/// entropy cannot be guessed, so a fast hash suffices (a slow password hash protects low-entropy secrets).
/// </summary>
internal sealed class DeviceKeys : IDeviceKeys
{
    public const int KeyBytes = 32;

    public (string Key, string Hash) Generate()
    {
        var key = Base64UrlEncode(RandomNumberGenerator.GetBytes(KeyBytes));
        return (key, Hash(key));
    }

    public string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
