using Soundscape.Domain.Library;
using Soundscape.Application.Common.Naming;

namespace Soundscape.Application.Library.Common;

/// <summary>
/// A sound of the library as clients see it. <paramref name="Embedding"/> is the one that ranks (null until analysed or
/// set); <paramref name="CalculatedEmbedding"/> is what the analysis found, and <paramref name="EmbeddingOverridden"/>
/// says an admin's override ranks instead.
/// </summary>
public sealed record SoundDto(
    Guid Id, string Title, string? Artist, string Type, double DurationSeconds, double? Bpm, TasteDto? Embedding, DateTimeOffset CreatedAt,
    TasteDto? CalculatedEmbedding = null, bool EmbeddingOverridden = false);

internal sealed class SoundMapping : AutoMapper.Profile
{
    public SoundMapping()
    {
        CreateMap<Sound, SoundDto>()
            .ForCtorParam(nameof(SoundDto.Type), o => o.MapFrom(s => SoundTypes.Name(s.Type)))
            .ForCtorParam(nameof(SoundDto.Embedding), o => o.MapFrom(s => s.Embedding == null ? null : TasteDto.From(s.Embedding)))
            .ForCtorParam(nameof(SoundDto.CalculatedEmbedding),
                o => o.MapFrom(s => s.CalculatedEmbedding == null ? null : TasteDto.From(s.CalculatedEmbedding)))
            .ForCtorParam(nameof(SoundDto.EmbeddingOverridden), o => o.MapFrom(s => s.IsEmbeddingOverridden));
    }
}

internal static class SoundTypes
{
    public static string Name(SoundType type) => WireNames.Lower(type);

    public static bool TryParse(string? value, out SoundType type) => WireNames.TryParseLower(value, out type);
}
