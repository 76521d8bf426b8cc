using AutoMapper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Common.Vectors;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Library.UpdateSound;

/// <summary>
/// Changes a sound's description (admins). <paramref name="Embedding"/> overrides the calculated one: all five axes,
/// each in [0, 1], with a direction (not all zero), else 400 naming the axis (<c>embedding.wind</c>) or <c>embedding</c>.
/// An empty artist removes it. Fields left out stay as they are.
/// </summary>
[RequiresRole(Role.Admin)]
public sealed record UpdateSoundCommand(Guid Id, string? Title, string? Artist, string? Type, VectorInput? Embedding) : IRequest<SoundDto>;

/// <summary>The body of PATCH /api/sounds/{id}.</summary>
public sealed record UpdateSoundRequest(string? Title, string? Artist, string? Type, VectorInput? Embedding);

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
        RuleFor(c => c.Embedding!).SetValidator(new VectorInputValidator("embedding", 0, 1, requireDirection: true)).When(c => c.Embedding is not null);
    }
}

internal sealed class UpdateSoundHandler(IApplicationDbContext db, TimeProvider clock, IMapper mapper)
    : IRequestHandler<UpdateSoundCommand, SoundDto>
{
    public async Task<SoundDto> Handle(UpdateSoundCommand request, CancellationToken cancellationToken)
    {
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
