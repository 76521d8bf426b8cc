namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// Where the database is. The defaults point at the project's own cluster under .data/ (started by
/// scripts/db.sh); setting ConnectionStrings:Soundscape (appsettings or the environment variable
/// ConnectionStrings__Soundscape) uses an external PostgreSQL such as Supabase's instead.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>The local cluster's port: scripts/db.sh and this agree through SOUNDSCAPE_DB_PORT.</summary>
    public static int LocalPort => int.TryParse(Environment.GetEnvironmentVariable("SOUNDSCAPE_DB_PORT"), out var port) ? port : 55432;

    /// <summary>A connection string for one of the local cluster's roles (passwords are local-only).</summary>
    public static string Local(string database, string role) =>
        $"Host=127.0.0.1;Port={LocalPort};Database={database};Username={role};Password={role}_local";

    public static string LocalApp => Local("soundscape", "soundscape_app");
    public static string LocalOwner => Local("soundscape", "soundscape_owner");
    public static string LocalService => Local("soundscape", "soundscape_service");

    /// <summary>The runtime role: subject to row-level security.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The schema owner, used to apply migrations. Defaults to <see cref="ConnectionString"/>.</summary>
    public required string MigrationConnectionString { get; init; }

    /// <summary>
    /// The explicitly named role for background work that must see every row (BYPASSRLS); never used for a
    /// user's request.
    /// </summary>
    public required string ServiceConnectionString { get; init; }

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStartup { get; init; } = true;

    /// <summary>Who owns the accounts ("Auth:Mode"); decides where Soundscape's account table lives.</summary>
    public Identity.IdentityMode IdentityMode { get; init; } = Identity.IdentityMode.Standalone;
}

/// <summary>"Database": start-up behaviour, read with <see cref="Soundscape.Application.Common.Configuration.StrictBinding"/>.</summary>
public sealed class DatabaseStartupOptions
{
    public bool MigrateOnStartup { get; init; } = true;
}
