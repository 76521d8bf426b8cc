namespace Soundscape.Application.Common.Security;

/// <summary>
/// A player device's secret key. The key is shown once, when it is made; only its hash is stored, and a device
/// authenticates by sending the key, whose hash is compared with the stored one.
/// </summary>
public interface IDeviceKeys
{
    /// <summary>A new random key and the hash to store.</summary>
    (string Key, string Hash) Generate();

    /// <summary>The hash stored for <paramref name="key"/>.</summary>
    string Hash(string key);
}
