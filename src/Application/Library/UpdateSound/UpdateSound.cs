using AutoMapper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Library.UpdateSound;

/// <summary>
/// Changes a sound's description (admins). <paramref name="Embedding"/> overrides the calculated one; each axis in
/// [0, 1]. An empty artist removes it. Fields left out stay as they are.
/// </summary>
public sealed record UpdateSoundCommand(Guid Id, string? Title, string? Artist, string? Type, TasteDto? Embedding) : IRequest<SoundDto>;

/// <summary>The body of PATCH /api/sounds/{id}.</summary>
public sealed record UpdateSoundRequest(string? Title, string? Artist, string? Type, TasteDto? Embedding);

internal sealed class UpdateSoundValidator : AbstractValidator<UpdateSoundCommand>
{
    public UpdateSoundValidator()
    {
        RuleFor(c => c).Must(c => c.Title is not null || c.Artist is not null || c.Type is not null || c.Embedding is not null)
            .OverridePropertyName("body").WithMessage("Send at least one of title, artist, type, embedding.");
        RuleFor(c => c.Title!).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("title must not be empty.")
            .Must(t => t.Trim().Length <= Sound.MaxTitleLength).WithMessage($"title must be at most {Sound.MaxTitleLength} characters.")
            .When(c => c.Title is not null);
        RuleFor(c => c.Artist!).Must(a => a.Trim().Length <= Sound.MaxArtistLength).When(c => c.Artist is not null)
            .WithMessage($"artist must be at most {Sound.MaxArtistLength} characters.");
        RuleFor(c => c.Type).Must(t => SoundTypes.TryParse(t, out _)).When(c => c.Type is not null)
            .WithMessage("type must be \"soundscape\" or \"instrumental\".");
        When(c => c.Embedding is not null, () =>
        {
            RuleFor(c => c.Embedding!.Rain).Must(InUnitRange).OverridePropertyName("embedding.rain").WithMessage(AxisMessage("rain"));
            RuleFor(c => c.Embedding!.Wind).Must(InUnitRange).OverridePropertyName("embedding.wind").WithMessage(AxisMessage("wind"));
            RuleFor(c => c.Embedding!.Fire).Must(InUnitRange).OverridePropertyName("embedding.fire").WithMessage(AxisMessage("fire"));
            RuleFor(c => c.Embedding!.Thunder).Must(InUnitRange).OverridePropertyName("embedding.thunder").WithMessage(AxisMessage("thunder"));
            RuleFor(c => c.Embedding!.Waves).Must(InUnitRange).OverridePropertyName("embedding.waves").WithMessage(AxisMessage("waves"));
        });
    }

    private static bool InUnitRange(double value) => double.IsFinite(value) && value is >= 0 and <= 1;

    private static string AxisMessage(string axis) => $"embedding.{axis} must be a number from 0 to 1.";
}

internal sealed class UpdateSoundHandler(IApplicationDbContext db, CallerRoles callerRoles, TimeProvider clock, IMapper mapper)
    : IRequestHandler<UpdateSoundCommand, SoundDto>
{
    public async Task<SoundDto> Handle(UpdateSoundCommand request, CancellationToken cancellationToken)
    {
        await callerRoles.RequireAnyAsync(cancellationToken, Role.Admin);
        var sound = await db.Sounds.SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
                    ?? throw new NotFoundException("Sound", request.Id);
        var now = clock.GetUtcNow();
        SoundTypes.TryParse(request.Type, out var type);
        sound.Describe(request.Title, request.Artist, request.Type is null ? null : type, now);
        if (request.Embedding is { } embedding)
            sound.SetEmbedding(embedding.ToVector(), now);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<SoundDto>(sound);
    }
}
