namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// Where the database is. The defaults point at the project's own cluster under .data/ (started by
/// scripts/db.sh); setting ConnectionStrings:Soundscape (appsettings or the environment variable
/// ConnectionStrings__Soundscape) uses an external PostgreSQL such as Supabase's instead.
/// </summary>
public sealed class DatabaseOptions
{
    public const string LocalApp = "Host=127.0.0.1;Port=55432;Database=soundscape;Username=soundscape_app;Password=soundscape_app_local";
    public const string LocalOwner = "Host=127.0.0.1;Port=55432;Database=soundscape;Username=soundscape_owner;Password=soundscape_owner_local";

    /// <summary>The runtime role: subject to row-level security.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The schema owner, used to apply migrations. Defaults to <see cref="ConnectionString"/>.</summary>
    public required string MigrationConnectionString { get; init; }

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStartup { get; init; } = true;
}
