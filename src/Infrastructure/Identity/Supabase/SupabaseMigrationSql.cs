using System.Text.RegularExpressions;

namespace Soundscape.Infrastructure.Identity.Supabase;

/// <summary>
/// The Supabase dialect of the hand-written migrations. They were written for the standalone mode, where Soundscape's
/// account tables live in <c>auth</c>; on Supabase that schema is Supabase Auth's, so every name of Soundscape's own
/// there (<c>auth.users</c>, <c>auth.refresh_tokens</c> and their indexes, and the schema itself) moves to
/// <see cref="IdentitySchemas.Supabase"/>. Supabase's functions (<c>auth.uid()</c>, <c>auth.role()</c>, <c>auth.jwt()</c>)
/// keep their names. Functions pinned to <c>search_path = public, pg_temp</c> also see <c>extensions</c>, where
/// Supabase keeps pgvector. A migration that means Supabase's own table writes it quoted, <c>"auth"."users"</c>,
/// which this never touches. docs/adr/0160-supabase-identity-mode.md says why this is a rewrite and not a fork.
/// </summary>
public static partial class SupabaseMigrationSql
{
    /// <summary>Returns <paramref name="sql"/> in the Supabase dialect (unchanged when it names none of the above).</summary>
    public static string Rewrite(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var rewritten = OwnAuthObject().Replace(sql, m => IdentitySchemas.Supabase + "." + m.Groups["name"].Value);
        rewritten = AuthSchemaStatement().Replace(rewritten, m => m.Groups["head"].Value + IdentitySchemas.Supabase);
        return PinnedSearchPath().Replace(rewritten, "SET search_path = public, extensions, pg_temp");
    }

    // auth.users, auth.refresh_tokens, and the indexes named ux_… / ix_… on them; "\b" keeps soundscape_auth.users out.
    [GeneratedRegex(@"(?<![\w""])auth\.(?<name>users|refresh_tokens|u[xk]_\w+|ix_\w+|fk_\w+)\b")]
    private static partial Regex OwnAuthObject();

    [GeneratedRegex(@"(?<head>\b(?:CREATE|DROP)\s+SCHEMA\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?)auth\b", RegexOptions.IgnoreCase)]
    private static partial Regex AuthSchemaStatement();

    [GeneratedRegex(@"SET\s+search_path\s*=\s*public\s*,\s*pg_temp\b", RegexOptions.IgnoreCase)]
    private static partial Regex PinnedSearchPath();
}
