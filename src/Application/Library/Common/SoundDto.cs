using Soundscape.Domain.Library;

namespace Soundscape.Application.Library.Common;

/// <summary>A sound of the library as clients see it. <paramref name="Embedding"/> is null until it is analysed.</summary>
public sealed record SoundDto(
    Guid Id, string Title, string? Artist, string Type, double DurationSeconds, double? Bpm, TasteDto? Embedding, DateTimeOffset CreatedAt);

internal sealed class SoundMapping : AutoMapper.Profile
{
    public SoundMapping()
    {
        CreateMap<Sound, SoundDto>()
            .ForCtorParam(nameof(SoundDto.Type), o => o.MapFrom(s => SoundTypes.Name(s.Type)))
            .ForCtorParam(nameof(SoundDto.Embedding), o => o.MapFrom(s => s.Embedding == null ? null : TasteDto.From(s.Embedding)));
    }
}

internal static class SoundTypes
{
    public static string Name(SoundType type) => type.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out SoundType type)
    {
        (var ok, type) = value switch
        {
            "soundscape" => (true, SoundType.Soundscape),
            "instrumental" => (true, SoundType.Instrumental),
            _ => (false, default),
        };
        return ok;
    }
}
