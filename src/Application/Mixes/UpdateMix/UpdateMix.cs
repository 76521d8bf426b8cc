using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Mixes.Common;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Mixes.UpdateMix;

/// <summary>
/// Changes the caller's mix: a field left out (or null) stays as it is; layers, when sent, replace all layers.
/// Someone else's private mix is 404, someone else's public mix 403.
/// </summary>
[SignedIn]
public sealed record UpdateMixCommand(Guid MixId, string? Name, bool? IsPublic, IReadOnlyList<MixLayerInput>? Layers) : IRequest<MixDto>;

/// <summary>The body of PATCH /api/mixes/{id}.</summary>
public sealed record UpdateMixBody(string? Name, bool? IsPublic, IReadOnlyList<MixLayerInput>? Layers);

internal sealed class UpdateMixValidator : AbstractValidator<UpdateMixCommand>
{
    public UpdateMixValidator(IApplicationDbContext db)
    {
        RuleFor(c => c).Must(c => c.Name is not null || c.IsPublic is not null || c.Layers is not null)
            .OverridePropertyName("body").WithMessage("Send name, isPublic, layers or several of them.");
        When(c => c.Name is not null, () => RuleFor(c => c.Name).ValidMixName());
        When(c => c.Layers is not null, () => this.AddLayerRules(c => c.Layers, db));
    }
}

internal sealed class UpdateMixHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<UpdateMixCommand, MixDto>
{
    public async Task<MixDto> Handle(UpdateMixCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var mix = await MixAccess.FindOwnForChangeAsync(db, request.MixId, userId, cancellationToken);
        var now = clock.GetUtcNow();
        if (request.Name is not null)
            mix.Rename(request.Name, now);
        if (request.IsPublic is { } isPublic)
            mix.Publish(isPublic, now);
        if (request.Layers is not null)
        {
            var layers = request.Layers.Select(l => l.ToLayer()).ToList();
            var sounds = await MixReader.LoadSoundsAsync(db, layers.Select(l => l.SoundId), cancellationToken);
            mix.ReplaceLayers(layers, MixDuration.Calculate(MixReader.LayerSounds(layers, sounds)), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await MixReader.ToDtoAsync(db, mix, cancellationToken);
    }
}
