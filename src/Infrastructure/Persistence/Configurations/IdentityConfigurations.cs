using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Soundscape.Domain.Identity;

namespace Soundscape.Infrastructure.Persistence.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("users", "auth");
        builder.Property(u => u.Email).HasMaxLength(UserAccount.MaxEmailLength);
        builder.HasIndex(u => u.EmailKey).IsUnique().HasDatabaseName("ux_users_email_key");
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ToTable("roles");
        builder.Property(r => r.Role).HasConversion<LowerCaseEnumConverter<Role>>();
        builder.HasIndex(r => new { r.UserId, r.Role }).IsUnique();
        builder.HasOne<Domain.Listeners.Profile>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
