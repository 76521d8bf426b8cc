using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Common.Persistence;

/// <summary>The unit of work handlers coordinate; implemented by Infrastructure's EF Core context.</summary>
public interface IApplicationDbContext
{
    DbSet<UserAccount> Users { get; }
    DbSet<RoleAssignment> Roles { get; }
    DbSet<Profile> Profiles { get; }
    DbSet<Vote> Votes { get; }
    DbSet<ListeningSession> Sessions { get; }
    DbSet<Sound> Sounds { get; }
    DbSet<Mix> Mixes { get; }
    DbSet<Player> Players { get; }
    DbSet<PlayerLibraryEntry> PlayerLibrary { get; }
    DbSet<QueueItem> PlayerQueue { get; }
    DbSet<PlayHistoryEntry> PlayHistory { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Loads and tracks a profile with <c>SELECT … FOR UPDATE</c> inside the current transaction, so concurrent
    /// writers of the same profile queue behind each other and none of their updates is lost.
    /// </summary>
    Task<Profile?> FindProfileForUpdateAsync(Guid profileId, CancellationToken cancellationToken);

    /// <summary>
    /// Listeners with an active, unexpired session at a player. Counted by a SECURITY DEFINER function because
    /// row-level security lets a caller see only their own sessions.
    /// </summary>
    Task<int> CountActiveListenersAsync(Guid playerId, CancellationToken cancellationToken);

    /// <summary>Loads and tracks a player with <c>SELECT … FOR UPDATE</c>: plans and play reports of one player queue behind each other.</summary>
    Task<Player?> FindPlayerForUpdateAsync(Guid playerId, CancellationToken cancellationToken);

    /// <summary>
    /// recommend_with_penalty (DESIGN §4.4) in PostgreSQL: the best <paramref name="limit"/> candidates for a player,
    /// nearest by pgvector's &lt;=&gt; on the HNSW index and re-ranked by the recency penalty.
    /// </summary>
    Task<IReadOnlyList<RecommendationRow>> RecommendWithPenaltyAsync(
        Guid playerId, TasteVector taste, DateTimeOffset now, PenaltySettings penalty, int candidates, int limit, bool excludeQueued,
        CancellationToken cancellationToken);

    /// <summary>
    /// Claims the online players not yet planned in <paramref name="round"/>, in one statement with SKIP LOCKED, so two
    /// instances running the same round never claim the same player.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimPlanningRoundAsync(long round, DateTimeOffset onlineSince, CancellationToken cancellationToken);

    /// <summary>Announces a player's new queue version to every API instance (pg_notify: delivered when the transaction commits).</summary>
    Task NotifyQueueChangedAsync(Guid playerId, long version, CancellationToken cancellationToken);

    /// <summary>Tells every API instance to forget what it remembered of this player's device key (rotated or removed).</summary>
    Task NotifyDeviceKeyChangedAsync(Guid playerId, CancellationToken cancellationToken);

    /// <summary>Records a device's play event once; false when this event id was recorded before.</summary>
    Task<bool> RecordDeviceEventAsync(Guid eventId, Guid playerId, Guid queueItemId, string kind, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>One row of recommend_with_penalty: a sound or a mix, with the numbers that ranked it.</summary>
public sealed record RecommendationRow(Guid? SoundId, Guid? MixId, double Similarity, double Penalty, double Score);
