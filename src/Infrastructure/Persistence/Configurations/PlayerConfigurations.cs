using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Infrastructure.Persistence.Configurations;

internal sealed class PlayerConfiguration : IEntityTypeConfiguration<Player>
{
    public void Configure(EntityTypeBuilder<Player> builder)
    {
        builder.ToTable("players");
        builder.Property(p => p.Status).HasConversion<LowerCaseEnumConverter<PlayerStatus>>();
        builder.HasIndex(p => p.CheckinCode).IsUnique();
    }
}

internal sealed class PlayerLibraryEntryConfiguration : IEntityTypeConfiguration<PlayerLibraryEntry>
{
    public void Configure(EntityTypeBuilder<PlayerLibraryEntry> builder)
    {
        builder.ToTable("player_library");
        builder.HasIndex(e => new { e.PlayerId, e.SoundId }).IsUnique();
    }
}

internal sealed class QueueItemConfiguration : IEntityTypeConfiguration<QueueItem>
{
    public void Configure(EntityTypeBuilder<QueueItem> builder)
    {
        builder.ToTable("player_queue");
        builder.HasIndex(q => new { q.PlayerId, q.Position });
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
    }
}
