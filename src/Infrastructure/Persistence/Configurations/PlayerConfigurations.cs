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
        builder.OwnsOne(q => q.Explanation, explanation =>
        {
            explanation.ToJson("explanation");
            explanation.Property(e => e.Similarity).HasJsonPropertyName("similarity");
            explanation.Property(e => e.Penalty).HasJsonPropertyName("penalty");
            explanation.Property(e => e.Score).HasJsonPropertyName("score");
            explanation.Property(e => e.Listeners).HasJsonPropertyName("listeners");
            explanation.Property(e => e.Fallback).HasJsonPropertyName("fallback")
                .HasConversion<LowerCaseEnumConverter<CollectiveFallback>>();
        });
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
