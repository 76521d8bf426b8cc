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
    /// Starts a REPEATABLE READ transaction for a read made of several queries: all of them see one committed state
    /// (a view and the version it carries agree), and they share one pooled connection, so the row-level-security
    /// setting is sent once instead of once per query. Commit (or dispose) it when the reads are done.
    /// </summary>
    Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken);

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
    /// Loads the players of <paramref name="playerIds"/> that exist and locks their rows (<c>ORDER BY id FOR UPDATE</c>,
    /// one statement) for the current transaction. Untracked: a planner writes them with <see cref="SaveQueuePlansAsync"/>.
    /// </summary>
    Task<IReadOnlyList<Player>> LockPlayersAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken);

    /// <summary>
    /// recommend_with_penalty for a batch of players in one statement (recommend_for_players): each player's best
    /// <paramref name="limit"/> candidates for its taste, grouped by player and best first within each.
    /// </summary>
    Task<IReadOnlyList<PlayerRecommendationRow>> RecommendForPlayersAsync(
        IReadOnlyList<PlayerTaste> tastes, DateTimeOffset now, PenaltySettings penalty, int candidates, int limit, bool excludeQueued,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch of plans with one statement per kind of change (none for an empty kind): the planned players'
    /// room and queue version, the removed, added and updated queue items, and a queue notification for every player
    /// whose queue changed (delivered when the transaction commits).
    /// </summary>
    Task SaveQueuePlansAsync(QueuePlanChanges changes, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the online players not yet planned in <paramref name="round"/>, in one statement with SKIP LOCKED, so two
    /// instances running the same round never claim the same player.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimPlanningRoundAsync(long round, DateTimeOffset onlineSince, CancellationToken cancellationToken);

    /// <summary>Announces a player's new queue version to every API instance (pg_notify: delivered when the transaction commits).</summary>
    Task NotifyQueueChangedAsync(Guid playerId, long version, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves one password check for an account in one atomic statement, before the hash is verified: the attempt
    /// counts as a failure until <see cref="RecordSignInAsync"/> clears it, and the <paramref name="maxFailures"/>-th
    /// reservation locks the account until <paramref name="now"/> + <paramref name="lockDuration"/>. While locked, nothing
    /// is reserved. So however many requests race, at most <paramref name="maxFailures"/> hashes are checked per lock window.
    /// </summary>
    Task<SignInReservation> ReserveSignInAttemptAsync(Guid userId, int maxFailures, TimeSpan lockDuration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A right password: clears the failure count and the lock, and stamps the sign-in (one statement).</summary>
    Task RecordSignInAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// When each of these sounds and mixes last started at the player (public.room_last_plays, which may read the
    /// managers' play history for this one purpose); items never played there are absent.
    /// </summary>
    Task<IReadOnlyList<LastPlayRow>> RoomLastPlaysAsync(Guid playerId, Guid[] soundIds, Guid[] mixIds, CancellationToken cancellationToken);

    /// <summary>
    /// What a sound is used by (public.sound_usage, SECURITY DEFINER: other people's votes and private mixes count too).
    /// The database refuses anyone but an admin (PostgreSQL error 42501).
    /// </summary>
    Task<SoundUsageRow> SoundUsageAsync(Guid soundId, CancellationToken cancellationToken);

    /// <summary>Records a device's play event once; false when this event id was recorded before.</summary>
    Task<bool> RecordDeviceEventAsync(Guid eventId, Guid playerId, Guid queueItemId, string kind, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// The outcome of <see cref="IApplicationDbContext.ReserveSignInAttemptAsync"/>: whether this attempt may check the password,
/// and the lock in force after it (null when none; set by this very reservation when it was the last one allowed).
/// </summary>
public sealed record SignInReservation(bool Reserved, DateTimeOffset? LockedUntil);

/// <summary>Counts of rows that refer to one sound; mix layers are counted one by one and by mix.</summary>
public sealed record SoundUsageRow(int QueueItems, int PlayHistory, int Votes, int PlayerLibraries, int MixLayers, int Mixes);

/// <summary>One row of recommend_with_penalty: a sound or a mix, with the numbers that ranked it.</summary>
public sealed record LastPlayRow(Guid? SoundId, Guid? MixId, DateTimeOffset StartedAt);

public sealed record RecommendationRow(Guid? SoundId, Guid? MixId, double Similarity, double Penalty, double Score);

/// <summary>A player and the taste to recommend for.</summary>
public sealed record PlayerTaste(Guid PlayerId, TasteVector Taste);

/// <summary>One row of recommend_for_players: a player's candidate, with the numbers that ranked it.</summary>
public sealed record PlayerRecommendationRow(Guid PlayerId, Guid? SoundId, Guid? MixId, double Similarity, double Penalty, double Score);

/// <summary>What a batch of plans writes (the entities carry the new values).</summary>
public sealed class QueuePlanChanges
{
    /// <summary>Every planned player: its room (collective vector, fallback), when it was planned, its queue version.</summary>
    public List<Player> Planned { get; } = [];

    /// <summary>The players whose queue changed (their version went up): the ones to notify.</summary>
    public List<Player> QueueChanged { get; } = [];

    public List<Guid> Removed { get; } = [];

    public List<QueueItem> Added { get; } = [];

    /// <summary>Kept items whose explanation or place moved: their players' room version moves (the room view shows the reasons).</summary>
    public List<QueueItem> Updated { get; } = [];

    /// <summary>The room's taste of every planned player, recorded in room_taste_history unless it barely moved.</summary>
    public List<RoomTasteSample> Tastes { get; } = [];

    /// <summary>A taste closer than this (Euclidean) to the player's last recorded one, with the same listener count, is not recorded.</summary>
    public double TasteEpsilon { get; init; }
}

/// <param name="Taste">What the public room view may show (null: fewer than three listeners' tastes, or exploring).</param>
/// <param name="Listeners">Everyone in the room when it was planned.</param>
public sealed record RoomTasteSample(Guid PlayerId, DateTimeOffset PlannedAt, TasteVector? Taste, int Listeners);
