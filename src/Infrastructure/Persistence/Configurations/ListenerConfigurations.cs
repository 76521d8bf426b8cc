using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

namespace Soundscape.Infrastructure.Persistence.Configurations;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.ToTable("profiles");
        builder.Property(p => p.DisplayName).HasMaxLength(Profile.MaxDisplayNameLength);
        builder.Property(p => p.PreferenceVector).HasDefaultValueSql("'[0,0,0,0,0]'::vector");
        builder.Property(p => p.PreferenceVelocity).HasDefaultValueSql("'[0,0,0,0,0]'::vector");
        builder.HasOne<UserAccount>().WithOne().HasForeignKey<Profile>(p => p.Id).OnDelete(DeleteBehavior.Cascade);
        // Lost updates from concurrent votes are prevented by row locks, not optimistic tokens.
    }
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> builder)
    {
        builder.ToTable("votes");
        builder.Property(v => v.Kind).HasConversion<LowerCaseEnumConverter<VoteKind>>();
        builder.Property(v => v.Value).HasColumnType("smallint");
        builder.HasIndex(v => new { v.UserId, v.CreatedAt });
        builder.HasIndex(v => new { v.UserId, v.ClientVoteId }).IsUnique().HasFilter("client_vote_id IS NOT NULL");
        builder.HasOne<Profile>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Sound>().WithMany().HasForeignKey(v => v.SoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Player>().WithMany().HasForeignKey(v => v.PlayerId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ListeningSessionConfiguration : IEntityTypeConfiguration<ListeningSession>
{
    public void Configure(EntityTypeBuilder<ListeningSession> builder)
    {
        builder.ToTable("sessions");
        builder.Property(s => s.Status).HasConversion<LowerCaseEnumConverter<SessionStatus>>();
        builder.Property(s => s.ExpiresAt)
            .HasComputedColumnSql("public.session_expiry(last_active_at)", stored: true)
            .ValueGeneratedOnAddOrUpdate();
        builder.HasOne<Profile>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Player>().WithMany().HasForeignKey(s => s.PlayerId).OnDelete(DeleteBehavior.Cascade);
    }
}
