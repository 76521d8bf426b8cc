using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Mixes.Common;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Mixes.CreateMix;

/// <summary>A new mix of 1–16 layers owned by the caller; private unless <paramref name="IsPublic"/>.</summary>
[SignedIn]
public sealed record CreateMixCommand(string? Name, IReadOnlyList<MixLayerInput>? Layers, bool IsPublic = false) : IRequest<MixDto>;

internal sealed class CreateMixValidator : AbstractValidator<CreateMixCommand>
{
    public CreateMixValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.Name).ValidMixName();
        this.AddLayerRules(c => c.Layers, db);
    }
}

internal sealed class CreateMixHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<CreateMixCommand, MixDto>
{
    public async Task<MixDto> Handle(CreateMixCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var layers = request.Layers!.Select(l => l.ToLayer()).ToList();
        var sounds = await MixReader.LoadSoundsAsync(db, layers.Select(l => l.SoundId), cancellationToken);
        var mix = Mix.Create(userId, request.Name!, layers, request.IsPublic,
            MixDuration.Calculate(MixReader.LayerSounds(layers, sounds)), clock.GetUtcNow());
        db.Mixes.Add(mix);
        await db.SaveChangesAsync(cancellationToken);
        return MixReader.ToDto(mix, sounds);
    }
}
