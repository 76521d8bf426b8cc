using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Infrastructure.Persistence.Configurations;

internal sealed class PlayerConfiguration : IEntityTypeConfiguration<Player>
{
    public void Configure(EntityTypeBuilder<Player> builder)
    {
        builder.ToTable("players");
        builder.Property(p => p.Status).HasConversion<LowerCaseEnumConverter<PlayerStatus>>();
        builder.Property(p => p.CollectiveFallback).HasConversion<SnakeCaseEnumConverter<Domain.Recommendation.CollectiveFallback>>();
        builder.HasIndex(p => p.CheckinCode).IsUnique();
        // Moved by triggers only (migration GuestsRefreshTokensRoomEvents); EF reads it back, never writes it.
        builder.Property(p => p.RoomVersion).ValueGeneratedOnAddOrUpdate();
        builder.HasOne<Sound>().WithMany().HasForeignKey(p => p.CurrentSoundId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Mix>().WithMany().HasForeignKey(p => p.CurrentMixId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Profile>().WithMany().HasForeignKey(p => p.ManagerId).OnDelete(DeleteBehavior.SetNull);
        // Table splitting: the hash is in the players row but in an entity of its own, so a query for players does not
        // select the column the API's role may not read.
        builder.HasOne(p => p.DeviceKey).WithOne().HasForeignKey<PlayerDeviceKey>(k => k.PlayerId);
    }
}

internal sealed class PlayerDeviceKeyConfiguration : IEntityTypeConfiguration<PlayerDeviceKey>
{
    public void Configure(EntityTypeBuilder<PlayerDeviceKey> builder)
    {
        builder.ToTable("players");
        builder.HasKey(k => k.PlayerId);
        builder.Property(k => k.PlayerId).HasColumnName("id");
        builder.Property(k => k.Hash).HasColumnName("device_key_hash");
    }
}

internal sealed class PlayerLibraryEntryConfiguration : IEntityTypeConfiguration<PlayerLibraryEntry>
{
    public void Configure(EntityTypeBuilder<PlayerLibraryEntry> builder)
    {
        builder.ToTable("player_library");
        builder.HasIndex(e => new { e.PlayerId, e.SoundId }).IsUnique();
        builder.HasOne<Player>().WithMany().HasForeignKey(e => e.PlayerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Sound>().WithMany().HasForeignKey(e => e.SoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QueueItemConfiguration : IEntityTypeConfiguration<QueueItem>
{
    public void Configure(EntityTypeBuilder<QueueItem> builder)
    {
        builder.ToTable("player_queue");
        builder.Ignore(q => q.Item);
        builder.HasIndex(q => new { q.PlayerId, q.Position });
        builder.HasOne<Player>().WithMany().HasForeignKey(q => q.PlayerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Sound>().WithMany().HasForeignKey(q => q.SoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Mix>().WithMany().HasForeignKey(q => q.MixId).OnDelete(DeleteBehavior.Cascade);
        // A converter, not an owned JSON type: EF Core's JSON reader throws on a value it cannot read, and one such row
        // made every read of the queue fail (QueueExplanationJsonConverter).
        builder.Property(q => q.Explanation).HasColumnName("explanation").HasColumnType("jsonb")
            .HasConversion(new QueueExplanationJsonConverter());
    }
}

internal sealed class PlayHistoryEntryConfiguration : IEntityTypeConfiguration<PlayHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PlayHistoryEntry> builder)
    {
        builder.ToTable("play_history");
        builder.HasIndex(h => new { h.PlayerId, h.StartedAt });
        builder.HasOne<Player>().WithMany().HasForeignKey(h => h.PlayerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Sound>().WithMany().HasForeignKey(h => h.SoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Mix>().WithMany().HasForeignKey(h => h.MixId).OnDelete(DeleteBehavior.Cascade);
    }
}
