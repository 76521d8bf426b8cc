using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Players.Common;
using Soundscape.Application.Players.GetPlayerQueue;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Players.GetNowPlaying;

/// <summary>
/// The room view (public): what plays now and since when, what is next and why, how many listen, the room's taste,
/// and the room's version (the event id of its event stream). Privacy: with fewer than
/// <see cref="RoomPrivacy.MinListenersForTaste"/> listeners the taste is null, and so are the similarity and score of
/// an item planned from so few listeners' tastes, because they would describe one person.
/// </summary>
[AnyCaller]
public sealed record GetNowPlayingQuery(Guid PlayerId) : IRequest<NowPlayingDto>;

/// <param name="Status">online, playing, idle, or offline when the device has been silent for two minutes.</param>
/// <param name="Taste">Each axis 0..1; null with fewer than 3 listeners (privacy) or before the first plan.</param>
/// <param name="Version">The room's version: goes up whenever anything here changes.</param>
public sealed record NowPlayingDto(
    Guid PlayerId, string Name, string Status, NowPlayingItemDto? NowPlaying, IReadOnlyList<NextItemDto> Next, int Listeners,
    TasteDto? Taste, long Version);

/// <param name="Kind">"sound" or "mix".</param>
/// <param name="StartedAt">When the device reported it started (UTC); null when unknown.</param>
public sealed record NowPlayingItemDto(string Kind, Guid Id, string Title, DateTimeOffset? StartedAt, double DurationSeconds);

/// <param name="Kind">"sound" or "mix".</param>
public sealed record NextItemDto(string Kind, Guid Id, string Title, double DurationSeconds, WhyDto Why);

/// <summary>The engine's reasons for a queued item (DESIGN §4.4: score = similarity − penalty).</summary>
/// <param name="Similarity">Cosine similarity to the room's taste, −1..1; null when it was planned from fewer than 3 listeners.</param>
/// <param name="Penalty">The recency penalty, ≥ 0.</param>
/// <param name="Score">Similarity minus penalty; null together with similarity.</param>
/// <param name="Listeners">How many listeners' tastes the plan used.</param>
/// <param name="Fallback">room, all_active_listeners, player_default, explore or none.</param>
/// <param name="LastPlayedAt">When it last started at this player (UTC), null when never.</param>
public sealed record WhyDto(double? Similarity, double Penalty, double? Score, int Listeners, string Fallback, DateTimeOffset? LastPlayedAt);

/// <summary>The rule that keeps one listener's taste from being read off the public room view.</summary>
public static class RoomPrivacy
{
    public const int MinListenersForTaste = 3;

    /// <summary>True when a taste made from <paramref name="listeners"/> listeners' tastes may be shown.</summary>
    public static bool MayShowTaste(int listeners, CollectiveFallback? fallback) =>
        fallback is not (CollectiveFallback.Room or CollectiveFallback.AllActiveListeners) || listeners >= MinListenersForTaste;
}

internal sealed class GetNowPlayingHandler(IApplicationDbContext db, RecommendationOptions options, TimeProvider clock)
    : IRequestHandler<GetNowPlayingQuery, NowPlayingDto>
{
    public async Task<NowPlayingDto> Handle(GetNowPlayingQuery request, CancellationToken cancellationToken)
    {
        // One snapshot over one connection: the version read with the player labels exactly the state read after it
        // (the event streams trust that label), and the queries share one round trip for the row-level-security
        // setting instead of paying one each (each round trip is a wait for the database's turn on a busy machine).
        await using var snapshot = await db.BeginSnapshotAsync(cancellationToken);
        var player = await db.Players.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PlayerId, cancellationToken)
                     ?? throw new NotFoundException("Player", request.PlayerId);
        var queue = await db.PlayerQueue.AsNoTracking().Where(q => q.PlayerId == player.Id).OrderBy(q => q.Position)
            .Select(q => new { q.SoundId, q.MixId, q.Explanation }).ToListAsync(cancellationToken);
        var listeners = await db.CountActiveListenersAsync(player.Id, cancellationToken);

        var soundIds = queue.Select(q => q.SoundId).Append(player.CurrentSoundId).OfType<Guid>().Distinct().ToArray();
        var mixIds = queue.Select(q => q.MixId).Append(player.CurrentMixId).OfType<Guid>().Distinct().ToArray();
        // Nothing to look up asks the database nothing (an empty room's queue, a room that plays no mix).
        var sounds = soundIds.Length == 0 ? [] : await db.Sounds.AsNoTracking().Where(s => soundIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (Title: s.Title, Duration: s.DurationSeconds), cancellationToken);
        var mixes = mixIds.Length == 0 ? [] : await db.Mixes.AsNoTracking().Where(m => mixIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => (Title: m.Name, Duration: m.DurationSeconds), cancellationToken);
        var lastPlays = (await db.RoomLastPlaysAsync(player.Id, soundIds, mixIds, cancellationToken))
            .ToDictionary(p => p.SoundId ?? p.MixId!.Value, p => p.StartedAt);
        await snapshot.CommitAsync(cancellationToken);

        var next = new List<NextItemDto>(queue.Count);
        foreach (var row in queue)
        {
            if (Describe(row.SoundId, row.MixId, sounds, mixes) is not { } item)
                continue; // a private mix the caller may not read is left out
            var why = row.Explanation;
            var visible = why is not null && RoomPrivacy.MayShowTaste(why.Listeners, why.Fallback);
            next.Add(new NextItemDto(item.Kind, item.Id, item.Title, item.Duration, new WhyDto(
                visible ? why!.Similarity : null, why?.Penalty ?? 0, visible ? why!.Score : null, why?.Listeners ?? 0,
                FallbackNames.Name(why?.Fallback), lastPlays.TryGetValue(item.Id, out var last) ? last : null)));
        }

        var current = Describe(player.CurrentSoundId, player.CurrentMixId, sounds, mixes);
        var status = player.IsOnlineAt(clock.GetUtcNow(), options.OfflineAfter) ? PlayerReader.StatusName(player.Status) : "offline";
        var showTaste = listeners >= RoomPrivacy.MinListenersForTaste && player.CollectiveVector is { IsZero: false };
        return new NowPlayingDto(player.Id, player.Name, status,
            current is null ? null : new NowPlayingItemDto(current.Value.Kind, current.Value.Id, current.Value.Title,
                lastPlays.TryGetValue(current.Value.Id, out var started) ? started : null, current.Value.Duration),
            next, listeners, showTaste ? TasteDto.From(player.CollectiveVector!) : null, player.RoomVersion);
    }

    private static (string Kind, Guid Id, string Title, double Duration)? Describe(
        Guid? soundId, Guid? mixId, Dictionary<Guid, (string Title, double Duration)> sounds, Dictionary<Guid, (string Title, double Duration)> mixes)
    {
        if (soundId is { } s && sounds.TryGetValue(s, out var sound))
            return ("sound", s, sound.Title, sound.Duration);
        if (mixId is { } m && mixes.TryGetValue(m, out var mix))
            return ("mix", m, mix.Title, mix.Duration);
        return null;
    }
}
