using Microsoft.EntityFrameworkCore;
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
}
