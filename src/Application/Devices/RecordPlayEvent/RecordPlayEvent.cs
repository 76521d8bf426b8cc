using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Devices.RecordPlayEvent;

/// <summary>
/// A device's report that a queue item started or ended. "started" moves the item from the queue to play_history and
/// makes it the player's current item; "ended" closes that play. Idempotent by event id.
/// <para>
/// A start reported late (the device kept playing its last known queue while the server was away) may name an item
/// the engine has since re-planned away. When the report says what played (<paramref name="SoundId"/> or
/// <paramref name="MixId"/>), that play is recorded all the same: the room heard it, and its penalty must count.
/// </para>
/// </summary>
[FromDevice]
public sealed record RecordPlayEventCommand(Guid EventId, Guid QueueItemId, string Event, DateTimeOffset At, Guid? SoundId = null, Guid? MixId = null)
    : IRequest<PlayEventResult>;

internal sealed class RecordPlayEventValidator : AbstractValidator<RecordPlayEventCommand>
{
    // A device's clock may drift a little; a report from further in the future is a mistake, not a drift.
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromMinutes(5);

    public RecordPlayEventValidator(TimeProvider clock)
    {
        RuleFor(c => c.EventId).NotEmpty().WithMessage("eventId is required.");
        RuleFor(c => c.QueueItemId).NotEmpty().WithMessage("queueItemId is required.");
        RuleFor(c => c.Event).Must(e => e is "started" or "ended").WithMessage("event must be \"started\" or \"ended\".");
        RuleFor(c => c.At).NotEmpty().WithMessage("at is required.")
            .Must(at => at <= clock.GetUtcNow() + MaxClockAhead).WithMessage("at must not be in the future.");
        RuleFor(c => c.MixId).Null().When(c => c.SoundId is not null).WithMessage("soundId and mixId cannot both be set: an item is a sound or a mix.");
    }
}

internal sealed class RecordPlayEventHandler(IApplicationDbContext db, IRecommendationEngine engine, CurrentDevice device, IRoomChanges rooms)
    : IRequestHandler<RecordPlayEventCommand, PlayEventResult>
{
    public async Task<PlayEventResult> Handle(RecordPlayEventCommand request, CancellationToken cancellationToken)
    {
        var playerId = device.RequirePlayerId();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var player = await db.FindPlayerForUpdateAsync(playerId, cancellationToken) ?? throw new NotFoundException("Player", playerId);
        if (!await db.RecordDeviceEventAsync(request.EventId, playerId, request.QueueItemId, request.Event, request.At, cancellationToken))
            return new PlayEventResult(request.EventId, Duplicate: true);

        if (request.Event == "started")
            await StartAsync(player, request, cancellationToken);
        else
            await EndAsync(player, request, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (request.Event == "started")
            rooms.Changed(playerId); // the queue lost an item: plan the next one in
        return new PlayEventResult(request.EventId, Duplicate: false);
    }

    private async Task StartAsync(Player player, RecordPlayEventCommand request, CancellationToken cancellationToken)
    {
        var item = await db.PlayerQueue.SingleOrDefaultAsync(q => q.Id == request.QueueItemId && q.PlayerId == player.Id, cancellationToken);
        if (item is null)
        {
            await StartReplannedAwayAsync(player, request, cancellationToken);
            return;
        }
        var listeners = await db.CountActiveListenersAsync(player.Id, cancellationToken);
        db.PlayHistory.Add(PlayHistoryEntry.Start(player.Id, item.Item, request.At, listeners, item.Id));
        db.PlayerQueue.Remove(item);
        player.NowPlaying(item.SoundId, item.MixId);
        player.QueueChanged();
        await engine.NotifyQueueChangedAsync(player.Id, player.QueueVersion, cancellationToken);
    }

    /// <summary>A start of an item that is no longer queued: recorded from what the device says played, when that exists.</summary>
    private async Task StartReplannedAwayAsync(Player player, RecordPlayEventCommand request, CancellationToken cancellationToken)
    {
        var known = request.SoundId is { } soundId ? await db.Sounds.AnyAsync(s => s.Id == soundId, cancellationToken)
            : request.MixId is { } mixId && await db.Mixes.AnyAsync(m => m.Id == mixId, cancellationToken);
        var startedBefore = await db.PlayHistory.AnyAsync(h => h.QueueItemId == request.QueueItemId, cancellationToken);
        if (!known || startedBefore)
            throw new NotFoundException("Queue item", request.QueueItemId);
        var listeners = await db.CountActiveListenersAsync(player.Id, cancellationToken);
        db.PlayHistory.Add(PlayHistoryEntry.Start(player.Id, PlayableRef.From(request.SoundId, request.MixId), request.At, listeners, request.QueueItemId));
        // The queue itself is unchanged (the item had left it already), so its version stays.
        player.NowPlaying(request.SoundId, request.MixId);
    }

    private async Task EndAsync(Player player, RecordPlayEventCommand request, CancellationToken cancellationToken)
    {
        var play = await db.PlayHistory.SingleOrDefaultAsync(h => h.QueueItemId == request.QueueItemId && h.PlayerId == player.Id, cancellationToken)
                   ?? throw new NotFoundException("Play of queue item", request.QueueItemId);
        play.End(request.At < play.StartedAt ? play.StartedAt : request.At);
        if (player.CurrentSoundId == play.SoundId && player.CurrentMixId == play.MixId)
            player.NowPlaying(null, null);
    }
}
