using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests;

/// <summary>
/// The real API pipeline over a real, dedicated database. <paramref name="settings"/> override the test defaults (the
/// abuse tests use small rate limits), and <paramref name="services"/> may wrap registrations to observe them.
/// </summary>
public sealed class SoundscapeApiFactory(
    string appConnectionString, string ownerConnectionString, bool migrateOnStartup = true,
    IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "functional-tests-signing-key-0123456789abcdef";

    /// <summary>A stand-in for Supabase Auth: its issuer, audience and shared JWT secret.</summary>
    public const string ExternalIssuer = "https://project.supabase.test/auth/v1";
    public const string ExternalAudience = "authenticated";
    public const string ExternalSigningKey = "external-issuer-shared-secret-0123456789abcdef";

    /// <summary>A small upload limit, so the 413 path is cheap to reach.</summary>
    public const long MaxUploadBytes = 4 * 1024 * 1024;

    /// <summary>This test run's own audio store folder.</summary>
    public static string AudioStorePath { get; } = Path.Combine(Path.GetTempPath(), $"soundscape-test-audio-{Environment.ProcessId}");

    /// <summary>A folder that does not exist.</summary>
    public static string NoWebApp { get; } = Path.Combine(Path.GetTempPath(), $"soundscape-no-web-{Environment.ProcessId}");

    /// <summary>
    /// The shared API of the run. Its password hashes use 1,000 PBKDF2 iterations instead of 100,000 (about 0.6 ms
    /// instead of 60 ms each): hundreds of sign-ups and sign-ins would otherwise spend about a minute hashing. Factories
    /// made with <see cref="With"/> keep the production cost, so the hashing-limit tests see real hashes.
    /// </summary>
    public static SoundscapeApiFactory For(TestDatabase database) => new(database.AppConnectionString, database.OwnerConnectionString,
        services: s => s.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Soundscape", appConnectionString);
        builder.UseSetting("ConnectionStrings:SoundscapeMigrations", ownerConnectionString);
        builder.UseSetting("ConnectionStrings:SoundscapeService", ownerConnectionString.Replace("soundscape_owner", "soundscape_service"));
        builder.UseSetting("Database:MigrateOnStartup", migrateOnStartup ? "true" : "false");
        builder.UseSetting("Auth:Jwt:SigningKey", SigningKey);
        builder.UseSetting("Auth:External:Issuer", ExternalIssuer);
        builder.UseSetting("Auth:External:Audience", ExternalAudience);
        builder.UseSetting("Auth:External:SigningKey", ExternalSigningKey);
        builder.UseSetting("Audio:Store:Path", AudioStorePath);
        // Background re-planning would change rows while a test checks that a refused request changed nothing;
        // the engine's own tests switch it on.
        builder.UseSetting("Recommendation:Engine:Enabled", "false");
        builder.UseSetting("Audio:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Small numbers keep the lockout test short; the defaults are 5 and 5 minutes.
        builder.UseSetting("Auth:Lockout:MaxFailures", "3");
        builder.UseSetting("Auth:Lockout:Duration", "00:02:00");
        // No web app unless a test gives one: the repository's web/dist may or may not be built.
        builder.UseSetting("Web:Root", NoWebApp);
        builder.UseSetting("Auth:Guests:SweepEnabled", "false");
        // Limits no functional test comes near; the abuse tests start a factory with small ones.
        foreach (var limit in new[] { "PerAddress", "PerAccount" })
        {
            builder.UseSetting($"RateLimiting:{limit}:PermitLimit", "1000000");
            builder.UseSetting($"RateLimiting:{limit}:Burst", "1000000");
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (services is not null)
            builder.ConfigureTestServices(services);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>Another API over this run's database, with its own settings and services.</summary>
    public static SoundscapeApiFactory With(
        TestDatabase database, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null) =>
        new(database.AppConnectionString, database.OwnerConnectionString, migrateOnStartup: false, settings, services);
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
        if (Directory.Exists(SoundscapeApiFactory.AudioStorePath))
            Directory.Delete(SoundscapeApiFactory.AudioStorePath, recursive: true);
    }
}

public abstract class ApiTest
{
    protected HttpClient Client { get; private set; } = null!;

    [SetUp]
    public async Task SetUpClientAsync()
    {
        await Testing.Database.ResetAsync();
        Client = Testing.Factory.CreateClient();
    }

    [TearDown]
    public void DisposeClient() => Client.Dispose();
}
