using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soundscape.Domain.Library;

namespace Soundscape.Infrastructure.Persistence.Configurations;

internal sealed class SoundConfiguration : IEntityTypeConfiguration<Sound>
{
    public void Configure(EntityTypeBuilder<Sound> builder)
    {
        builder.ToTable("sounds");
        builder.Property(s => s.Type).HasConversion<LowerCaseEnumConverter<SoundType>>();
        builder.Property(s => s.DurationSeconds).HasColumnName("duration");
        builder.HasIndex(s => s.ContentHash).IsUnique();
        // The migration's index (InitialSchema): it serves ORDER BY embedding <=> taste.
        builder.HasIndex(s => s.Embedding).HasDatabaseName("ix_sounds_embedding_hnsw").HasMethod("hnsw").HasOperators("vector_cosine_ops");
    }
}

internal sealed class MixConfiguration : IEntityTypeConfiguration<Mix>
{
    public void Configure(EntityTypeBuilder<Mix> builder)
    {
        builder.ToTable("mixes");
        builder.Property(m => m.DurationSeconds).HasColumnName("duration");
        builder.OwnsMany(m => m.Layers, layers =>
        {
            layers.ToJson("layers");
            layers.Property(l => l.SoundId).HasJsonPropertyName("sound_id");
            layers.Property(l => l.Volume).HasJsonPropertyName("volume");
            layers.Property(l => l.Loop).HasJsonPropertyName("loop");
            layers.Property(l => l.DelaySeconds).HasJsonPropertyName("delay_seconds");
        });
        builder.Navigation(m => m.Layers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Domain.Listeners.Profile>().WithMany().HasForeignKey(m => m.CreatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
