using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Players.GetPlayerQueue;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Players.GetNowPlaying;

/// <summary>What a room hears now and next, how many are listening, and the room's taste. Public.</summary>
public sealed record GetNowPlayingQuery(Guid PlayerId) : IRequest<NowPlayingDto>;

/// <param name="Status">online, playing, idle, or offline when the device has been silent for two minutes.</param>
public sealed record NowPlayingDto(
    Guid PlayerId, string Name, string Status, PlayingItemDto? Now, PlayingItemDto? Next, int Listeners,
    TasteDto? CollectiveVector, string Fallback);

/// <param name="Kind">"sound" or "mix".</param>
public sealed record PlayingItemDto(string Kind, Guid Id, string Title);

internal sealed class GetNowPlayingHandler(IApplicationDbContext db, RecommendationOptions options, TimeProvider clock)
    : IRequestHandler<GetNowPlayingQuery, NowPlayingDto>
{
    public async Task<NowPlayingDto> Handle(GetNowPlayingQuery request, CancellationToken cancellationToken)
    {
        var player = await db.Players.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PlayerId, cancellationToken)
                     ?? throw new NotFoundException("Player", request.PlayerId);
        var next = await db.PlayerQueue.AsNoTracking().Where(q => q.PlayerId == player.Id).OrderBy(q => q.Position)
            .Select(q => new { q.SoundId, q.MixId }).FirstOrDefaultAsync(cancellationToken);
        var listeners = await db.CountActiveListenersAsync(player.Id, cancellationToken);
        var status = player.IsOnlineAt(clock.GetUtcNow(), options.OfflineAfter) ? player.Status.ToString().ToLowerInvariant() : "offline";
        return new NowPlayingDto(player.Id, player.Name, status,
            await DescribeAsync(player.CurrentSoundId, player.CurrentMixId, cancellationToken),
            next is null ? null : await DescribeAsync(next.SoundId, next.MixId, cancellationToken),
            listeners,
            player.CollectiveVector is { IsZero: false } vector ? TasteDto.From(vector) : null,
            FallbackNames.Name(player.CollectiveFallback));
    }

    private async Task<PlayingItemDto?> DescribeAsync(Guid? soundId, Guid? mixId, CancellationToken cancellationToken)
    {
        if (soundId is { } s)
            return await db.Sounds.AsNoTracking().Where(x => x.Id == s).Select(x => new PlayingItemDto("sound", x.Id, x.Title)).SingleOrDefaultAsync(cancellationToken);
        if (mixId is { } m)
            return await db.Mixes.AsNoTracking().Where(x => x.Id == m).Select(x => new PlayingItemDto("mix", x.Id, x.Name)).SingleOrDefaultAsync(cancellationToken);
        return null;
    }
}
