using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Soundscape.Domain.Identity;

namespace Soundscape.Infrastructure.Identity.Supabase;

/// <summary>
/// The model of the Supabase mode: Soundscape's account rows live in <see cref="IdentitySchemas.Supabase"/>, never in
/// Supabase Auth's <c>auth.users</c>. Registered with ReplaceService, so EF caches this model apart from the
/// standalone one.
/// </summary>
internal sealed class SupabaseModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        modelBuilder.Entity<UserAccount>().ToTable("users", IdentitySchemas.Supabase);
    }
}
