using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Players.EnsureDemoPlayer;

/// <summary>
/// The player the run command's own agent plays for: created on the first run, found afterwards. The caller keeps
/// the device key (<paramref name="KnownDeviceKey"/>, e.g. from a file); while it still opens this player nothing
/// changes, otherwise (first run, lost or stale key) a new key is issued and returned. Service work only: it runs
/// from the host, not over HTTP.
/// </summary>
[ServiceWork]
public sealed record EnsureDemoPlayerCommand(string? KnownDeviceKey) : IRequest<DemoPlayerDto>;

/// <param name="DeviceKey">The key that opens the player now: the known one, or the newly issued one.</param>
/// <param name="KeyIssued">True when <paramref name="DeviceKey"/> is new and must be stored by the caller.</param>
public sealed record DemoPlayerDto(Guid Id, string Name, string CheckinCode, string DeviceKey, bool Created, bool KeyIssued);

internal sealed class EnsureDemoPlayerHandler(IApplicationDbContext db, IDeviceKeys deviceKeys, IDeviceKeyRevocation revocation, TimeProvider clock)
    : IRequestHandler<EnsureDemoPlayerCommand, DemoPlayerDto>
{
    public const string Name = "Demo lobby";

    /// <summary>Listeners check in with this code (the NFC tag's content) to be in the demo room.</summary>
    public const string CheckinCode = "DEMO";

    public async Task<DemoPlayerDto> Handle(EnsureDemoPlayerCommand request, CancellationToken cancellationToken)
    {
        var player = await db.Players.Include(p => p.DeviceKey).SingleOrDefaultAsync(p => p.CheckinCode == CheckinCode, cancellationToken);
        if (player is not null && request.KnownDeviceKey is { Length: > 0 } known && deviceKeys.Hash(known) == player.DeviceKey?.Hash)
            return new DemoPlayerDto(player.Id, player.Name, player.CheckinCode, known, Created: false, KeyIssued: false);

        var (key, hash) = deviceKeys.Generate();
        var created = player is null;
        if (player is null)
        {
            // Nobody manages it: admins see every player, and the engine plans it like any other.
            player = Player.Create(Name, CheckinCode, hash, managerId: null, clock.GetUtcNow());
            db.Players.Add(player);
        }
        else
        {
            player.RotateDeviceKey(hash);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (!created)
            await revocation.RevokeAsync(player.Id, cancellationToken);
        return new DemoPlayerDto(player.Id, player.Name, player.CheckinCode, key, created, KeyIssued: true);
    }
}
