using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Api.FunctionalTests.Supabase;

/// <summary>
/// A fresh copy of the Supabase-shaped template (scripts/supabase-shape.sh) for this run, prepared as a deployer
/// would prepare a new Supabase project (docs/deploy.md): the database's search_path with <c>extensions</c>, as
/// Supabase sets it, and <c>scripts/supabase/once.sql</c> run as the owner. Users are created the way Supabase Auth
/// creates them (a row in <c>auth.users</c>, written by <c>supabase_auth_admin</c>) and get tokens shaped like its own.
/// </summary>
public sealed class SupabaseProject
{
    public const string Template = "soundscape_supabase_template";
    public const string Issuer = "https://soundscape-test.supabase.co/auth/v1";
    public const string JwtSecret = "supabase-shaped-test-jwt-secret-0123456789abcdef";

    private SupabaseProject(string name) => Name = name;

    public string Name { get; }

    /// <summary>Supabase's <c>postgres</c>: owns the database, not a superuser.</summary>
    public string OwnerConnectionString => DatabaseOptions.Local(Name, "supabase_owner") + ";Include Error Detail=true";

    public string AuthAdminConnectionString => DatabaseOptions.Local(Name, "supabase_auth_admin") + ";Include Error Detail=true";

    public string AppConnectionString => DatabaseOptions.Local(Name, "soundscape_app") + ";Include Error Detail=true";

    public string ServiceConnectionString => DatabaseOptions.Local(Name, "soundscape_service") + ";Include Error Detail=true";

    public static async Task<SupabaseProject> CreateAsync()
    {
        var project = new SupabaseProject("soundscape_test_supabase" + Environment.GetEnvironmentVariable("SOUNDSCAPE_TEST_DB_SUFFIX"));
        await using (var maintenance = new NpgsqlConnection(DatabaseOptions.Local("postgres", "supabase_owner")))
        {
            try
            {
                await maintenance.OpenAsync();
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                throw new InvalidOperationException("The Supabase-shaped roles are missing: run scripts/db.sh (it runs scripts/supabase-shape.sh).", ex);
            }
            await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS {project.Name} WITH (FORCE)");
            await ExecuteAsync(maintenance, $"CREATE DATABASE {project.Name} TEMPLATE {Template}");
        }
        await using var owner = new NpgsqlConnection(project.OwnerConnectionString);
        await owner.OpenAsync();
        await ExecuteAsync(owner, $"ALTER DATABASE {project.Name} SET search_path = \"$user\", public, extensions");
        await ExecuteAsync(owner, await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "scripts", "supabase", "once.sql")));
        return project;
    }

    /// <summary>Signs a user up the way Supabase Auth does: a row of its <c>auth.users</c>, written by its own role.</summary>
    public async Task<Guid> CreateUserAsync(string? email, bool anonymous = false, string? displayName = null)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(AuthAdminConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                                    raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
            VALUES ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
                    CASE WHEN $2 IS NULL THEN NULL ELSE '$2a$10$notarealbcrypthashnotarealbcrypthashnotarealbcry' END,
                    CASE WHEN $2 IS NULL THEN NULL ELSE now() END,
                    $3::jsonb, $4::jsonb, now(), now(), $5)
            """, connection)
        {
            Parameters =
            {
                new() { Value = id },
                new() { Value = (object?)email ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                new() { Value = anonymous ? """{"provider":"anonymous","providers":["anonymous"]}""" : """{"provider":"email","providers":["email"]}""" },
                new() { Value = displayName is null ? "{}" : $$"""{"display_name":"{{displayName}}"}""" },
                new() { Value = anonymous },
            },
        };
        await insert.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Deletes a user as Supabase Auth (or its dashboard) does.</summary>
    public async Task DeleteUserAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(AuthAdminConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DELETE FROM auth.users WHERE id = '{id}'");
    }

    /// <summary>
    /// An access token as Supabase Auth mints one with its JWT secret: HS256 with a <c>kid</c> header, <c>iss</c> the
    /// project's auth URL, <c>aud</c> and <c>role</c> "authenticated", <c>email</c>, <c>phone</c>, <c>app_metadata</c>,
    /// <c>user_metadata</c>, <c>aal</c>, <c>amr</c>, <c>session_id</c> and <c>is_anonymous</c>. With
    /// <paramref name="credentials"/> it is signed as with the project's asymmetric signing keys instead (ES256, say).
    /// </summary>
    public static string Token(
        Guid userId, string? email, bool anonymous = false, string? displayName = null, string role = "authenticated", SigningCredentials? credentials = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(),
            ["email"] = email ?? "",
            ["phone"] = "",
            ["app_metadata"] = new Dictionary<string, object>
            {
                ["provider"] = anonymous ? "anonymous" : "email",
                ["providers"] = new[] { anonymous ? "anonymous" : "email" },
            },
            ["user_metadata"] = displayName is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["display_name"] = displayName },
            ["role"] = role,
            ["aal"] = "aal1",
            ["amr"] = new[] { new Dictionary<string, object> { ["method"] = anonymous ? "anonymous" : "password", ["timestamp"] = new DateTimeOffset(now).ToUnixTimeSeconds() } },
            ["session_id"] = Guid.NewGuid().ToString(),
            ["is_anonymous"] = anonymous,
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = "authenticated",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = claims,
            SigningCredentials = credentials ?? new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtSecret)) { KeyId = "supabase-legacy-secret" }, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The anon key: what a Supabase client sends before anyone signs in (no subject).</summary>
    public static string AnonKey() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = "authenticated",
        Expires = DateTime.UtcNow.AddHours(1),
        Claims = new Dictionary<string, object> { ["role"] = "anon" },
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(JwtSecret)), SecurityAlgorithms.HmacSha256),
    });

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Soundscape.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("The repository (Soundscape.sln) is not above the test's folder.");
    }
}
