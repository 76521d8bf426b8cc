using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Persistence;

public sealed class SoundscapeDbContext : DbContext, IApplicationDbContext
{
    public const string MigrationsAssembly = "Soundscape.Migrations";

    public SoundscapeDbContext(DbContextOptions<SoundscapeDbContext> options) : base(options)
    {
        // A handler that opens a transaction owns it and rolls all of it back when SaveChanges fails; EF's automatic
        // savepoint around SaveChanges would only add two statements to every such write (measured: ~0.4 ms of
        // PostgreSQL CPU per vote, docs/benchmarks.md).
        Database.AutoSavepointsEnabled = false;
    }

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

    public Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    public Task<Profile?> FindProfileForUpdateAsync(Guid profileId, CancellationToken cancellationToken) =>
        Profiles.FromSql($"SELECT * FROM profiles WHERE id = {profileId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    public Task<int> CountActiveListenersAsync(Guid playerId, CancellationToken cancellationToken) =>
        Database.SqlQuery<int>($"SELECT public.active_listener_count({playerId}) AS \"Value\"").SingleAsync(cancellationToken);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException pg && ConstraintConflicts.Describe(pg) is { } message)
        {
            // A race the handlers' own checks cannot see (two sign-ups with one e-mail) ends as a 409, not a 500.
            throw new ConflictException(message);
        }
    }

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
