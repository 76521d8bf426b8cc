namespace Soundscape.Application.Common.Security;

/// <summary>
/// The player device a request comes from, authenticated by its device key. Device requests are service work (a
/// device acts for a room, not for a user), so row-level security's per-user policies do not apply to them; the
/// handlers confine them to this one player.
/// </summary>
public sealed class CurrentDevice
{
    public Guid? PlayerId { get; private set; }

    public void Authenticate(Guid playerId) => PlayerId = playerId;

    public Guid RequirePlayerId() => PlayerId ?? throw new Exceptions.UnauthorizedException("A device key is required.");
}
