using AutoMapper;
using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Common.Vectors;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Players;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.UpdatePlayer;

/// <summary>
/// Changes a player the caller manages: name, check-in code (409 when another player has it) and the room's
/// fallback taste (DESIGN §4.3): all five axes, each in [-1, 1] (only its direction counts; zero means none), else 400
/// naming the axis (<c>defaultVector.wind</c>). A field left out (or null) stays as it is.
/// </summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record UpdatePlayerCommand(Guid PlayerId, string? Name, string? CheckinCode, VectorInput? DefaultVector) : IRequest<PlayerDto>;

/// <summary>The body of PATCH /api/players/{id}.</summary>
public sealed record UpdatePlayerBody(string? Name, string? CheckinCode, VectorInput? DefaultVector);

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
        RuleFor(c => c.DefaultVector!).SetValidator(new VectorInputValidator("defaultVector", -1, 1, requireDirection: false))
            .When(c => c.DefaultVector is not null);
    }
}

internal sealed class UpdatePlayerHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, IMapper mapper)
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
        return await PlayerReader.ToDtoAsync(db, mapper, player.Id, cancellationToken);
    }
}
