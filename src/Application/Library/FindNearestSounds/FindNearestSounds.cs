using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Library;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Library.FindNearestSounds;

/// <summary>The sounds whose embedding is nearest to a taste, by cosine similarity computed in PostgreSQL.</summary>
[AnyCaller]
public sealed record FindNearestSoundsQuery(TasteDto Taste, int Limit = 10) : IRequest<IReadOnlyList<NearestSoundDto>>;

public sealed record NearestSoundDto(Guid Id, string Title, string? Artist, string Type, double DurationSeconds, double Similarity);

internal sealed class FindNearestSoundsValidator : AbstractValidator<FindNearestSoundsQuery>
{
    public const int MaxLimit = 100;

    public FindNearestSoundsValidator()
    {
        RuleFor(q => q.Taste).NotNull();
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit);
        When(q => q.Taste is not null, () =>
        {
            RuleFor(q => q.Taste.Rain).Must(double.IsFinite).WithMessage("rain must be a finite number.");
            RuleFor(q => q.Taste.Wind).Must(double.IsFinite).WithMessage("wind must be a finite number.");
            RuleFor(q => q.Taste.Fire).Must(double.IsFinite).WithMessage("fire must be a finite number.");
            RuleFor(q => q.Taste.Thunder).Must(double.IsFinite).WithMessage("thunder must be a finite number.");
            RuleFor(q => q.Taste.Waves).Must(double.IsFinite).WithMessage("waves must be a finite number.");
            RuleFor(q => q.Taste)
                .Must(t => t.Rain != 0 || t.Wind != 0 || t.Fire != 0 || t.Thunder != 0 || t.Waves != 0)
                .WithMessage("taste must not be the zero vector: it has no direction to compare with.");
        });
    }
}

internal sealed class FindNearestSoundsHandler(IApplicationDbContext db, IMapper mapper)
    : IRequestHandler<FindNearestSoundsQuery, IReadOnlyList<NearestSoundDto>>
{
    public async Task<IReadOnlyList<NearestSoundDto>> Handle(FindNearestSoundsQuery request, CancellationToken cancellationToken)
    {
        var target = request.Taste.ToVector();
        var nearest = await NearestSounds.To(db.Sounds, target, request.Limit).ToListAsync(cancellationToken);
        return nearest.Select(n => mapper.Map<NearestSoundDto>(n.Sound) with { Similarity = 1 - n.Distance }).ToList();
    }
}

internal sealed class FindNearestSoundsMapping : Profile
{
    public FindNearestSoundsMapping()
    {
        CreateMap<Sound, NearestSoundDto>()
            .ForCtorParam(nameof(NearestSoundDto.Type), o => o.MapFrom(s => s.Type.ToString().ToLowerInvariant()))
            .ForCtorParam(nameof(NearestSoundDto.Similarity), o => o.MapFrom(_ => 0d));
    }
}
