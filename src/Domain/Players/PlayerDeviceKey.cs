using Soundscape.Domain.Common;

namespace Soundscape.Domain.Players;

/// <summary>
/// The hash of a player's device key. It lives in the player's row but is an entity of its own, so loading a
/// <see cref="Player"/> never reads it: the API's database role may not (docs/security.md), and only the device key
/// check and the host's demo player, both service work, load it.
/// </summary>
public sealed class PlayerDeviceKey
{
    public const int MaxHashLength = 256;

    private PlayerDeviceKey(Guid playerId, string hash)
    {
        PlayerId = playerId;
        Hash = hash;
    }

    /// <summary>The player's id (the same row).</summary>
    public Guid PlayerId { get; private set; }

    /// <summary>What <c>IDeviceKeys.Hash</c> gave for the key.</summary>
    public string Hash { get; private set; }

    internal static PlayerDeviceKey For(Guid playerId, string hash) => new(playerId, Valid(hash));

    internal void Replace(string hash) => Hash = Valid(hash);

    private static string Valid(string hash) => Guard.Required(hash, "deviceKeyHash", MaxHashLength);
}
