using MediatR;
using Npgsql;
using Soundscape.Application.Common.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soundscape.Application;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Application.Recommendation.PlanQueues;
using Soundscape.Infrastructure;
using Soundscape.Infrastructure.Persistence;
using Soundscape.TestSupport;

namespace Soundscape.Application.IntegrationTests;

/// <summary>Once per test run: a migrated database of this project's own and the real service graph.</summary>
[SetUpFixture]
public sealed class Testing
{
    private static TestDatabase? _database;
    private static ServiceProvider? _services;
    private static NpgsqlDataSource? _ownerDataSource;

    /// <summary>The clock every handler reads; tests move it forward instead of waiting.</summary>
    public static TestClock Clock { get; } = new();

    /// <summary>This run's own audio store folder.</summary>
    public static string AudioStorePath { get; } = Path.Combine(Path.GetTempPath(), $"soundscape-itest-audio-{Environment.ProcessId}");

    public static TestDatabase Database => _database ?? throw new InvalidOperationException("The test database is not ready.");

    public static IServiceProvider Services => _services ?? throw new InvalidOperationException("The services are not ready.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync("soundscape_test_application");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Soundscape"] = _database.AppConnectionString,
                ["ConnectionStrings:SoundscapeMigrations"] = _database.OwnerConnectionString,
                ["ConnectionStrings:SoundscapeService"] = _database.ServiceConnectionString,
                ["Audio:Store:Path"] = AudioStorePath,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication(configuration);
        services.AddInfrastructure(configuration);
        services.AddSingleton<TimeProvider>(Clock);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _ownerDataSource = NpgsqlDataSources.Create(_database.OwnerConnectionString);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        if (_ownerDataSource is not null)
            await _ownerDataSource.DisposeAsync();
        if (Directory.Exists(AudioStorePath))
            Directory.Delete(AudioStorePath, recursive: true);
    }

    /// <summary>Sends through the mediator in a scope of its own, as one request would, optionally as a signed-in user.</summary>
    public static async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, Guid? asUser = null)
    {
        await using var scope = Services.CreateAsyncScope();
        if (asUser is { } id)
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Authenticate(id);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>Sends as explicitly named service work (host commands, background work): the service role, no RLS.</summary>
    public static async Task<TResponse> SendAsServiceAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>
    /// Re-plans one existing player as the engine does after a room change: a batch of one (PlanQueuesCommand), as
    /// service work.
    /// </summary>
    public static async Task<QueuePlan> PlanQueueAsync(Guid playerId) =>
        (await SendAsServiceAsync(new PlanQueuesCommand([playerId]))).Single();

    /// <summary>Runs <paramref name="action"/> with services of one scope, as a signed-in user.</summary>
    public static async Task<T> AsUserAsync<T>(Guid userId, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Authenticate(userId);
        return await action(scope.ServiceProvider);
    }

    /// <summary>
    /// A context over the schema owner's connection, for arranging and checking data: the owner is not subject to
    /// row-level security, so set-up sees and writes every row. Handlers under test use the app role instead.
    /// </summary>
    public static async Task<T> WithContextAsync<T>(Func<SoundscapeDbContext, Task<T>> action)
    {
        await using var context = DatabaseMigrator.CreateContext(_ownerDataSource ?? throw new InvalidOperationException("Not started."));
        return await action(context);
    }

    public static Task WithContextAsync(Func<SoundscapeDbContext, Task> action) =>
        WithContextAsync(async context => { await action(context); return true; });
}

/// <summary>Every test starts from a migrated, empty database.</summary>
public abstract class DatabaseTest
{
    [SetUp]
    public Task ResetDatabaseAsync()
    {
        Testing.Clock.Reset();
        return Testing.Database.ResetAsync();
    }
}
