using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Players.UpdatePlayer;

/// <summary>
/// Changes a player the caller manages: name, check-in code (409 when another player has it) and the room's
/// fallback taste (DESIGN §4.3). A field left out (or null) stays as it is.
/// </summary>
public sealed record UpdatePlayerCommand(Guid PlayerId, string? Name, string? CheckinCode, TasteDto? DefaultVector) : IRequest<PlayerDto>;

/// <summary>The body of PATCH /api/players/{id}.</summary>
public sealed record UpdatePlayerBody(string? Name, string? CheckinCode, TasteDto? DefaultVector);

internal sealed class UpdatePlayerValidator : AbstractValidator<UpdatePlayerCommand>
{
    public UpdatePlayerValidator()
    {
        RuleFor(c => c).Must(c => c.Name is not null || c.CheckinCode is not null || c.DefaultVector is not null)
            .OverridePropertyName("body").WithMessage("Send name, checkinCode, defaultVector or several of them.");
        When(c => c.Name is not null, () => RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("name must not be empty.")
            .Must(n => n!.Trim().Length <= Player.MaxNameLength).WithMessage($"name must be at most {Player.MaxNameLength} characters."));
        When(c => c.CheckinCode is not null, () => RuleFor(c => c.CheckinCode).ValidCheckinCode());
        When(c => c.DefaultVector is not null, () =>
        {
            RuleFor(c => c.DefaultVector!.Rain).Must(double.IsFinite).OverridePropertyName("defaultVector.rain").WithMessage("rain must be a finite number.");
            RuleFor(c => c.DefaultVector!.Wind).Must(double.IsFinite).OverridePropertyName("defaultVector.wind").WithMessage("wind must be a finite number.");
            RuleFor(c => c.DefaultVector!.Fire).Must(double.IsFinite).OverridePropertyName("defaultVector.fire").WithMessage("fire must be a finite number.");
            RuleFor(c => c.DefaultVector!.Thunder).Must(double.IsFinite).OverridePropertyName("defaultVector.thunder")
                .WithMessage("thunder must be a finite number.");
            RuleFor(c => c.DefaultVector!.Waves).Must(double.IsFinite).OverridePropertyName("defaultVector.waves").WithMessage("waves must be a finite number.");
        });
    }
}

internal sealed class UpdatePlayerHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser)
    : IRequestHandler<UpdatePlayerCommand, PlayerDto>
{
    public async Task<PlayerDto> Handle(UpdatePlayerCommand request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        if (request.Name is not null)
            player.Rename(request.Name);
        if (request.CheckinCode is not null && request.CheckinCode != player.CheckinCode)
        {
            await CheckinCodes.RequireUnusedAsync(db, request.CheckinCode, player.Id, cancellationToken);
            player.ChangeCheckinCode(request.CheckinCode);
        }
        if (request.DefaultVector is not null)
            player.SetDefaultVector(request.DefaultVector.ToVector());
        await db.SaveChangesAsync(cancellationToken);
        return await PlayerReader.ToDtoAsync(db, player, cancellationToken);
    }
}
