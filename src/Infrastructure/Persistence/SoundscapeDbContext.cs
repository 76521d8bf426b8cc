using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Infrastructure.Persistence;

public sealed partial class SoundscapeDbContext : DbContext, IApplicationDbContext, IServiceDbContext
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

    public Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);

    public Task<Profile?> FindProfileForUpdateAsync(Guid profileId, CancellationToken cancellationToken) =>
        Profiles.FromSql($"SELECT * FROM profiles WHERE id = {profileId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    public Task<int> CountActiveListenersAsync(Guid playerId, CancellationToken cancellationToken) =>
        Database.SqlQuery<int>($"SELECT public.active_listener_count({playerId}) AS \"Value\"").SingleAsync(cancellationToken);

    public Task<Player?> FindPlayerForUpdateAsync(Guid playerId, CancellationToken cancellationToken) =>
        Players.FromSql($"SELECT * FROM players WHERE id = {playerId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    public async Task<SignInReservation> ReserveSignInAttemptAsync(
        Guid userId, int maxFailures, TimeSpan lockDuration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The row lock of the UPDATE orders racing attempts; READ COMMITTED re-checks the WHERE on the newest row, so an
        // attempt that queued behind the locking one reserves nothing. The last reservation allowed locks and restarts the count.
        var lockedUntil = now + lockDuration;
        var rows = await Database.SqlQuery<SignInReservation>($"""
            WITH reserved AS (
                UPDATE auth.users
                SET failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= {maxFailures} THEN 0 ELSE failed_sign_ins + 1 END,
                    locked_until    = CASE WHEN failed_sign_ins + 1 >= {maxFailures} THEN {lockedUntil} ELSE NULL END
                WHERE id = {userId} AND (locked_until IS NULL OR locked_until <= {now})
                RETURNING locked_until)
            SELECT EXISTS (SELECT 1 FROM reserved) AS reserved,
                   COALESCE((SELECT locked_until FROM reserved), (SELECT locked_until FROM auth.users WHERE id = {userId})) AS locked_until
            """).ToListAsync(cancellationToken);
        return rows.Single();
    }

    public async Task RecordSignInAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Database.ExecuteSqlAsync(
            $"UPDATE auth.users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = {now} WHERE id = {userId}", cancellationToken);

    public async Task<IReadOnlyList<LastPlayRow>> RoomLastPlaysAsync(Guid playerId, Guid[] soundIds, Guid[] mixIds, CancellationToken cancellationToken) =>
        soundIds.Length + mixIds.Length == 0 ? [] : await Database.SqlQuery<LastPlayRow>($"""
            SELECT sound_id, mix_id, started_at FROM public.room_last_plays({playerId}, {soundIds}, {mixIds})
            """).ToListAsync(cancellationToken);

    public Task<SoundUsageRow> SoundUsageAsync(Guid soundId, CancellationToken cancellationToken) =>
        Database.SqlQuery<SoundUsageRow>($"""
            SELECT queue_items AS queue_items, play_history AS play_history, votes AS votes, player_libraries AS player_libraries,
                   mix_layers AS mix_layers, mixes AS mixes
            FROM public.sound_usage({soundId})
            """).SingleAsync(cancellationToken);

    public async Task<bool> RecordDeviceEventAsync(
        Guid eventId, Guid playerId, Guid queueItemId, string kind, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await Database.SqlQuery<int>($"""
            INSERT INTO device_events (event_id, player_id, queue_item_id, kind, at) VALUES ({eventId}, {playerId}, {queueItemId}, {kind}, {at})
            ON CONFLICT (event_id) DO NOTHING
            RETURNING 1 AS "Value"
            """).ToListAsync(cancellationToken)).Count == 1;

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
        // TasteVector is the domain's type; Pgvector's Vector is the wire type, converted at this boundary. The default
        // type mapping lets a TasteVector be a query argument (a LINQ parameter or a raw SQL one), not only a column.
        configurationBuilder.Properties<TasteVector>().HaveColumnType($"vector({TasteVector.Dimensions})").HaveConversion<TasteVectorConverter>();
        configurationBuilder.DefaultTypeMapping<TasteVector>().HasConversion<TasteVectorConverter>();
        // Npgsql writes timestamptz only from UTC values: whatever offset a time was made with, it is stored as its instant.
        configurationBuilder.Properties<DateTimeOffset>().HaveColumnType("timestamptz").HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SoundscapeDbContext).Assembly);
        // The schema's rule for a rankable vector (migration 20261203100000_VectorsThatRank), callable in LINQ.
        modelBuilder.HasDbFunction(typeof(VectorDbFunctions).GetMethod(nameof(VectorDbFunctions.HasDirection))!)
            .HasSchema("public").HasName("vector_has_direction");
    }
}

/// <summary>A <see cref="TasteVector"/> as Pgvector's <see cref="Pgvector.Vector"/> (five float4 values) and back.</summary>
internal sealed class TasteVectorConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<TasteVector, Pgvector.Vector>(
    value => new Pgvector.Vector(value.ToSingleArray()), value => TasteVector.FromValues(value.ToArray()));

/// <summary>Stores a <see cref="DateTimeOffset"/> as the same instant at offset zero; reads it back unchanged.</summary>
internal sealed class UtcDateTimeOffsetConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(), value => value);
