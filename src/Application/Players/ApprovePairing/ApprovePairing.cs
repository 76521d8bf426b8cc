using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.ApprovePairing;

/// <summary>
/// A manager (of that player) or an admin enters the code a device shows. The player's old device key stops at once;
/// the device's next poll receives the new one.
/// </summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record ApproveDevicePairingCommand(Guid PlayerId, string UserCode) : IRequest<PairingApprovedDto>;

/// <summary>The pairing is approved; the device picks up its key at its next poll.</summary>
public sealed record PairingApprovedDto(Guid PlayerId, DateTimeOffset ApprovedAt);

/// <summary>The body of POST /api/players/{id}/pairing.</summary>
public sealed record ApprovePairingBody(string UserCode);

internal sealed class ApproveDevicePairingValidator : AbstractValidator<ApproveDevicePairingCommand>
{
    public ApproveDevicePairingValidator() => RuleFor(c => c.UserCode)
        .Must(code => PairingUserCode.Normalize(code) is not null)
        .WithMessage($"userCode must be the 8 letters the device shows (XXXX-XXXX, letters from {PairingUserCode.Alphabet}).");
}

internal sealed class ApproveDevicePairingHandler(
    IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, IDevicePairings pairings, IDeviceKeyRevocation revocation)
    : IRequestHandler<ApproveDevicePairingCommand, PairingApprovedDto>
{
    public async Task<PairingApprovedDto> Handle(ApproveDevicePairingCommand request, CancellationToken cancellationToken)
    {
        // 403 for a listener, 404 for someone else's player, before the code is even looked at.
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        var approvedAt = await pairings.ApproveAsync(PairingUserCode.Normalize(request.UserCode)!, player.Id, currentUser.RequireId(), cancellationToken);
        // As with rotation: every instance forgets the old key before this answers.
        await revocation.RevokeAsync(player.Id, cancellationToken);
        return new PairingApprovedDto(player.Id, approvedAt);
    }
}
