using Npgsql;
using Soundscape.Application.Common.Persistence;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// Contexts for background work (the recommendation tick, imports) over the service role, which bypasses
/// row-level security. Requests go through the scoped context as the caller; the only request step that uses this
/// is the sign-in's password check (<see cref="IServiceDatabase"/>).
/// </summary>
public sealed class ServiceDatabase(DatabaseOptions options) : IServiceDatabase, IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSources.Create(options.ServiceConnectionString));

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public SoundscapeDbContext CreateContext() => DatabaseMigrator.CreateContext(_dataSource.Value, options.IdentityMode);

    IServiceDbContext IServiceDatabase.CreateContext() => CreateContext();

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
            await _dataSource.Value.DisposeAsync();
    }
}
