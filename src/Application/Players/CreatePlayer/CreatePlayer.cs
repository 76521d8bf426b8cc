using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Players.CreatePlayer;

/// <summary>
/// A new player managed by the caller (a manager or an admin). Without a check-in code a readable random one is
/// made. The device key is returned this once; only its hash is stored.
/// </summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record CreatePlayerCommand(string? Name, string? CheckinCode) : IRequest<CreatedPlayerDto>;

public sealed record CreatedPlayerDto(Guid Id, string Name, string CheckinCode, string DeviceKey);

internal sealed class CreatePlayerValidator : AbstractValidator<CreatePlayerCommand>
{
    public CreatePlayerValidator()
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name is required.")
            .Must(n => n!.Trim().Length <= Player.MaxNameLength).WithMessage($"name must be at most {Player.MaxNameLength} characters.");
        When(c => c.CheckinCode is not null, () => RuleFor(c => c.CheckinCode).ValidCheckinCode());
    }
}

internal sealed class CreatePlayerHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IDeviceKeys deviceKeys, TimeProvider clock)
    : IRequestHandler<CreatePlayerCommand, CreatedPlayerDto>
{
    private const int GeneratedCodeAttempts = 5;

    public async Task<CreatedPlayerDto> Handle(CreatePlayerCommand request, CancellationToken cancellationToken)
    {
        var managerId = currentUser.RequireId();
        var code = request.CheckinCode ?? await UnusedGeneratedCodeAsync(cancellationToken);
        await CheckinCodes.RequireUnusedAsync(db, code, null, cancellationToken);

        var (key, hash) = deviceKeys.Generate();
        var player = Player.Create(request.Name!, code, hash, managerId, clock.GetUtcNow());
        db.Players.Add(player);
        // A concurrent request taking the same code meanwhile fails on the unique index: 409 as well.
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedPlayerDto(player.Id, player.Name, player.CheckinCode, key);
    }

    private async Task<string> UnusedGeneratedCodeAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var code = CheckinCodes.Generate();
            if (attempt == GeneratedCodeAttempts || !await db.Players.AnyAsync(p => p.CheckinCode == code, cancellationToken))
                return code;
        }
    }
}
