using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.GetFleet;

/// <summary>
/// The caller's players as a fleet board, newest first: each one's live status, what plays and how many listen, in one
/// call (a manager: their own; an admin: all). The console re-reads it when a room changes instead of asking each
/// player's /now and /listeners.
/// </summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record GetFleetQuery(int Page = 1, int PageSize = 50) : IRequest<PagedResult<FleetPlayerDto>>, IPagedQuery;

/// <param name="Status">online, playing, idle, or offline when the device has been silent for the offline window (2 minutes by default), as on /now.</param>
/// <param name="LastSeenAt">The device's last poll or heartbeat (UTC); null when it never called.</param>
/// <param name="NowPlaying">What the device reported playing; null when nothing (or a mix the caller may not read).</param>
/// <param name="Listeners">Listeners checked in now.</param>
/// <param name="RoomVersion">The room's version, the event id of its /events stream.</param>
public sealed record FleetPlayerDto(
    Guid Id, string Name, string CheckinCode, string Status, DateTimeOffset? LastSeenAt, FleetNowPlayingDto? NowPlaying,
    int Listeners, long RoomVersion);

/// <param name="Kind">"sound" or "mix".</param>
public sealed record FleetNowPlayingDto(string Kind, Guid Id, string Title);

internal sealed class GetFleetValidator : AbstractValidator<GetFleetQuery>
{
    public GetFleetValidator() => this.AddPagingRules();
}

internal sealed class GetFleetHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, RecommendationOptions options, TimeProvider clock)
    : IRequestHandler<GetFleetQuery, PagedResult<FleetPlayerDto>>
{
    public async Task<PagedResult<FleetPlayerDto>> Handle(GetFleetQuery request, CancellationToken cancellationToken)
    {
        var players = (await PlayerAccess.ManagedAsync(db, callerRoles, currentUser, cancellationToken)).AsNoTracking();
        var total = await players.CountAsync(cancellationToken);
        var page = await players.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(request.Skip()).Take(request.PageSize).ToListAsync(cancellationToken);

        var soundIds = page.Select(p => p.CurrentSoundId).OfType<Guid>().Distinct().ToArray();
        var mixIds = page.Select(p => p.CurrentMixId).OfType<Guid>().Distinct().ToArray();
        var sounds = await db.Sounds.AsNoTracking().Where(s => soundIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var mixes = await db.Mixes.AsNoTracking().Where(m => mixIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);

        var now = clock.GetUtcNow();
        var items = new List<FleetPlayerDto>(page.Count);
        foreach (var player in page)
        {
            // One count per player: the count is a security-definer function (sessions are private to their listener);
            // a page holds at most 100 players.
            var listeners = await db.CountActiveListenersAsync(player.Id, cancellationToken);
            var status = player.IsOnlineAt(now, options.OfflineAfter) ? PlayerReader.StatusName(player.Status) : "offline";
            FleetNowPlayingDto? playing = null;
            if (player.CurrentSoundId is { } soundId && sounds.TryGetValue(soundId, out var title))
                playing = new FleetNowPlayingDto("sound", soundId, title);
            else if (player.CurrentMixId is { } mixId && mixes.TryGetValue(mixId, out var name))
                playing = new FleetNowPlayingDto("mix", mixId, name);
            items.Add(new FleetPlayerDto(player.Id, player.Name, player.CheckinCode, status, player.LastPollAt, playing, listeners, player.RoomVersion));
        }
        return new PagedResult<FleetPlayerDto>(items, request.Page, request.PageSize, total);
    }
}
