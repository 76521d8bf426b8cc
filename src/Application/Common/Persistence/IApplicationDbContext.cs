using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Common.Persistence;

/// <summary>
/// The unit of work handlers coordinate; implemented by Infrastructure's EF Core context. The recommendation engine's
/// statements are not here but behind <see cref="Recommendation.Common.IRecommendationEngine"/>.
/// </summary>
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

/// <summary>When a sound or a mix last started at a player (one row of room_last_plays).</summary>
public sealed record LastPlayRow(Guid? SoundId, Guid? MixId, DateTimeOffset StartedAt);
