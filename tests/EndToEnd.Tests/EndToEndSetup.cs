using Soundscape.TestSupport;

namespace Soundscape.EndToEnd.Tests;

[SetUpFixture]
public sealed class EndToEndSetup
{
    private static TestDatabase? _database;

    public static TestDatabase Database => _database ?? throw new InvalidOperationException("The test database is not ready.");

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateMigratedAsync("soundscape_test_e2e");
}
