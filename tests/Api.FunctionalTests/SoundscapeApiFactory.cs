using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests;

/// <summary>The real API pipeline over a real, dedicated database.</summary>
public sealed class SoundscapeApiFactory(string appConnectionString, string ownerConnectionString, bool migrateOnStartup = true)
    : WebApplicationFactory<Program>
{
    public static SoundscapeApiFactory For(TestDatabase database) => new(database.AppConnectionString, database.OwnerConnectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Soundscape", appConnectionString);
        builder.UseSetting("ConnectionStrings:SoundscapeMigrations", ownerConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", migrateOnStartup ? "true" : "false");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}

[SetUpFixture]
public sealed class Testing
{
    private static TestDatabase? _database;
    private static SoundscapeApiFactory? _factory;

    public static TestDatabase Database => _database ?? throw new InvalidOperationException("The test database is not ready.");

    public static SoundscapeApiFactory Factory => _factory ?? throw new InvalidOperationException("The API is not ready.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync("soundscape_test_api");
        _factory = SoundscapeApiFactory.For(_database);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
    }
}

public abstract class ApiTest
{
    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task SetUpClientAsync()
    {
        await Testing.Database.Resetter.ResetAsync();
        Client = Testing.Factory.CreateClient();
    }

    [TearDown]
    public void DisposeClient() => Client.Dispose();
}
