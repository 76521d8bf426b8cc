using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Persistence;

public sealed class SoundscapeDbContext(DbContextOptions<SoundscapeDbContext> options) : DbContext(options), IApplicationDbContext
{
    public const string MigrationsAssembly = "Soundscape.Migrations";

    public DbSet<UserAccount> Users => Set<UserAccount>();
    public DbSet<RoleAssignment> Roles => Set<RoleAssignment>();
    public DbSet<Profile> Profiles => Set<Profile>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<ListeningSession> Sessions => Set<ListeningSession>();
    public DbSet<Sound> Sounds => Set<Sound>();
    public DbSet<Mix> Mixes => Set<Mix>();
    public DbSet<Player> Players => Set<Player>();
    public DbSet<PlayerLibraryEntry> PlayerLibrary => Set<PlayerLibraryEntry>();
    public DbSet<QueueItem> PlayerQueue => Set<QueueItem>();
    public DbSet<PlayHistoryEntry> PlayHistory => Set<PlayHistoryEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<TasteVector>().HaveColumnType($"vector({TasteVector.Dimensions})");
        configurationBuilder.Properties<DateTimeOffset>().HaveColumnType("timestamptz");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SoundscapeDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
