using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Mixes.Common;

/// <summary>
/// A mix as clients see it. <paramref name="Embedding"/> is the volume-weighted mean of the layers' embeddings,
/// computed when read (null when no layer's sound has one).
/// </summary>
public sealed record MixDto(
    Guid Id, string Name, bool IsPublic, Guid CreatorId, double DurationSeconds, TasteDto? Embedding,
    IReadOnlyList<MixLayerDto> Layers, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <param name="SoundTitle">Null only if the sound was removed after the mix was made.</param>
public sealed record MixLayerDto(Guid SoundId, string? SoundTitle, double Volume, bool Loop, double DelaySeconds);

/// <summary>What a mix needs to know of a sound: its title, duration and embedding.</summary>
internal sealed record LayerSoundInfo(Guid Id, string Title, double DurationSeconds, Domain.Vectors.TasteVector? Embedding);

internal static class MixReader
{
    public static async Task<Dictionary<Guid, LayerSoundInfo>> LoadSoundsAsync(
        IApplicationDbContext db, IEnumerable<Guid> soundIds, CancellationToken cancellationToken)
    {
        var ids = soundIds.Distinct().ToList();
        return await db.Sounds.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new LayerSoundInfo(s.Id, s.Title, s.DurationSeconds, s.Embedding))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
    }

    public static async Task<List<MixDto>> ToDtosAsync(IApplicationDbContext db, IReadOnlyList<Mix> mixes, CancellationToken cancellationToken)
    {
        var sounds = await LoadSoundsAsync(db, mixes.SelectMany(m => m.Layers).Select(l => l.SoundId), cancellationToken);
        return mixes.Select(m => ToDto(m, sounds)).ToList();
    }

    public static async Task<MixDto> ToDtoAsync(IApplicationDbContext db, Mix mix, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db, [mix], cancellationToken))[0];

    public static MixDto ToDto(Mix mix, IReadOnlyDictionary<Guid, LayerSoundInfo> sounds)
    {
        var embedding = MixEmbedding.Calculate(LayerSounds(mix.Layers, sounds));
        var layers = mix.Layers
            .Select(l => new MixLayerDto(l.SoundId, sounds.GetValueOrDefault(l.SoundId)?.Title, l.Volume, l.Loop, l.DelaySeconds))
            .ToList();
        return new MixDto(mix.Id, mix.Name, mix.IsPublic, mix.CreatorId, mix.DurationSeconds,
            embedding is null ? null : TasteDto.From(embedding), layers, mix.CreatedAt, mix.UpdatedAt);
    }

    /// <summary>The layers with their sounds' facts; a removed sound counts as silent and without embedding.</summary>
    public static IEnumerable<LayerSound> LayerSounds(IEnumerable<MixLayer> layers, IReadOnlyDictionary<Guid, LayerSoundInfo> sounds) =>
        layers.Select(l => sounds.GetValueOrDefault(l.SoundId) is { } sound
            ? new LayerSound(l.Volume, l.Loop, l.DelaySeconds, sound.DurationSeconds, sound.Embedding)
            : new LayerSound(l.Volume, l.Loop, l.DelaySeconds, 0, null));
}
