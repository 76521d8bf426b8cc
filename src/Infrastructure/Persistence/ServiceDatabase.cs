using Npgsql;

namespace Soundscape.Infrastructure.Persistence;

/// <summary>
/// Contexts for background work (the recommendation tick, imports) over the service role, which bypasses
/// row-level security. Requests never use it: they go through the scoped context as the caller.
/// </summary>
public sealed class ServiceDatabase(DatabaseOptions options) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSources.Create(options.ServiceConnectionString));

    public NpgsqlDataSource DataSource => _dataSource.Value;

    public SoundscapeDbContext CreateContext() => DatabaseMigrator.CreateContext(_dataSource.Value);

    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
            await _dataSource.Value.DisposeAsync();
    }
}
