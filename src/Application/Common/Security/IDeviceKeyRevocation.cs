namespace Soundscape.Application.Common.Security;

/// <summary>Makes every API instance stop accepting a player's old device key (after a rotation or a deletion).</summary>
public interface IDeviceKeyRevocation
{
    /// <summary>
    /// Call after the new hash (or the deletion) is committed. Returns once this instance and every other instance
    /// listening on the database have forgotten the player's cached key, or after Devices:KeyRevocationTimeout when
    /// one does not confirm (logged; that instance still forgets the key when the notification reaches it).
    /// </summary>
    Task RevokeAsync(Guid playerId, CancellationToken cancellationToken);
}
