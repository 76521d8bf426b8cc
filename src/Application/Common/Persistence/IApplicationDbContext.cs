using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

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
}
