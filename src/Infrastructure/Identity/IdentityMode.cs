using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Soundscape.Infrastructure.Identity;

/// <summary>Who owns the accounts: Soundscape itself (<c>auth.users</c> with password hashes) or Supabase Auth.</summary>
public enum IdentityMode
{
    /// <summary>Soundscape's own <c>auth.users</c>, PBKDF2 passwords and its own tokens (the default).</summary>
    Standalone,

    /// <summary>
    /// Supabase Auth owns <c>auth.users</c> and issues the tokens; Soundscape keeps a copy of what it needs per user in
    /// its own schema <see cref="IdentitySchemas.Supabase"/> and never creates, alters or writes <c>auth.*</c>.
    /// </summary>
    Supabase,
}

/// <summary>The schema of Soundscape's own account table (<c>users</c>, <c>refresh_tokens</c>) in each mode.</summary>
public static class IdentitySchemas
{
    public const string Standalone = "auth";

    public const string Supabase = "soundscape_auth";

    public static string For(IdentityMode mode) => mode == IdentityMode.Supabase ? Supabase : Standalone;
}

/// <summary>
/// "Auth:Mode": <c>standalone</c> (default), <c>supabase</c>, or <c>auto</c> (read from the database: Supabase's when its
/// <c>auth.users</c> belongs to another role and has Supabase Auth's <c>encrypted_password</c> column).
/// </summary>
public static class IdentityModeSetting
{
    public const string Key = "Auth:Mode";

    /// <summary>Reads the setting; <c>auto</c> asks the database once over <paramref name="connectionString"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is none of the three (the message names the key).</exception>
    public static IdentityMode Resolve(IConfiguration configuration, string connectionString)
    {
        var value = configuration[Key]?.Trim();
        return value?.ToLowerInvariant() switch
        {
            null or "" or "standalone" => IdentityMode.Standalone,
            "supabase" => IdentityMode.Supabase,
            "auto" => SupabaseDatabase.LooksLikeSupabase(connectionString) ? IdentityMode.Supabase : IdentityMode.Standalone,
            _ => throw new InvalidOperationException($"{Key} must be standalone, supabase or auto, not '{value}'."),
        };
    }
}

/// <summary>Recognises a database whose <c>auth.users</c> is Supabase Auth's.</summary>
public static class SupabaseDatabase
{
    /// <summary>
    /// The probe: <c>auth.users</c> exists, is owned by a role other than the connecting one, and has the column
    /// <c>encrypted_password</c> (Supabase Auth's; Soundscape's own table calls it <c>password_hash</c>).
    /// </summary>
    public const string ProbeSql = """
        SELECT EXISTS (
            SELECT FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'encrypted_password' AND NOT a.attisdropped
            WHERE n.nspname = 'auth' AND c.relname = 'users' AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user))
        """;

    public static bool LooksLikeSupabase(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return LooksLikeSupabase(connection);
    }

    public static bool LooksLikeSupabase(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(ProbeSql, connection);
        return command.ExecuteScalar() is true;
    }
}
