using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Devices.Common;

/// <summary>A player's queue rows with what a device needs to play them: sounds with audio URLs and hashes, mixes with their layers.</summary>
internal static class QueueReader
{
    public static async Task<IReadOnlyList<(QueueItem Row, DeviceQueueItemDto Item)>> ReadAsync(
        IApplicationDbContext db, Guid playerId, CancellationToken cancellationToken)
    {
        var rows = await db.PlayerQueue.AsNoTracking().Where(q => q.PlayerId == playerId).OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var mixIds = rows.Where(r => r.MixId is not null).Select(r => r.MixId!.Value).ToList();
        var mixes = mixIds.Count == 0 ? [] : await db.Mixes.AsNoTracking().Where(m => mixIds.Contains(m.Id)).ToListAsync(cancellationToken);
        var soundIds = rows.Where(r => r.SoundId is not null).Select(r => r.SoundId!.Value)
            .Concat(mixes.SelectMany(m => m.Layers.Select(l => l.SoundId))).Distinct().ToList();
        var sounds = await db.Sounds.AsNoTracking().Where(s => soundIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var mixById = mixes.ToDictionary(m => m.Id);

        var items = new List<(QueueItem, DeviceQueueItemDto)>(rows.Count);
        foreach (var row in rows)
        {
            if (row.SoundId is { } soundId && sounds.TryGetValue(soundId, out var sound))
                items.Add((row, new DeviceQueueItemDto(row.Id, row.Position, "sound", ToDto(sound), null)));
            else if (row.MixId is { } mixId && mixById.TryGetValue(mixId, out var mix))
                items.Add((row, new DeviceQueueItemDto(row.Id, row.Position, "mix", null, new DeviceMixDto(mix.Id, mix.Name, mix.DurationSeconds,
                    mix.Layers.Where(l => sounds.ContainsKey(l.SoundId))
                        .Select(l => new DeviceMixLayerDto(ToDto(sounds[l.SoundId]), l.Volume, l.Loop, l.DelaySeconds)).ToList()))));
        }
        return items;
    }

    public static DeviceSoundDto ToDto(Sound sound) =>
        new(sound.Id, sound.Title, sound.DurationSeconds, DeviceProtocol.AudioUrl(sound.Id), sound.ContentHash);
}
