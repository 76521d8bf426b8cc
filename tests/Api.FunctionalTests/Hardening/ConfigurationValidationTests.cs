namespace Soundscape.Api.FunctionalTests.Hardening;

/// <summary>Issue 11, item 12: a wrong setting stops the API (and its host commands) with a message naming the setting.</summary>
public sealed class ConfigurationValidationTests
{
    [TestCase("Recommendation:TickInterval", "30", "00:00:30")]
    [TestCase("Recommendation:OfflineAfter", "120", "00:02:00")]
    [TestCase("Auth:Lockout:Duration", "300", "00:05:00")]
    [TestCase("Auth:Jwt:AccessTokenLifetime", "3600", "01:00:00")]
    [TestCase("Devices:KeyRevocationTimeout", "5", "00:00:05")]
    [TestCase("RateLimiting:PerAddress:Window", "60", "00:01:00")]
    public async Task Startup_WithABareNumberForATimeSpan_FailsNamingTheSettingAndTheForm(string key, string value, string form)
    {
        var error = await StartFailure(key, value);

        error.ShouldContain($"{key} is '{value}'");
        error.ShouldContain(form);
    }

    [TestCase("Recommendation:TickInterval", "soon")]
    [TestCase("Recommendation:QueueDepth", "three")]
    [TestCase("Recommendation:Lambda", "half")]
    [TestCase("Auth:Lockout:MaxFailures", "5x")]
    [TestCase("Audio:MaxUploadBytes", "200MB")]
    [TestCase("Audio:Store:ForcePathStyle", "yes")]
    [TestCase("Database:MigrateOnStartup", "maybe")]
    [TestCase("Recommendation:Engine:Enabled", "on")]
    public async Task Startup_WithAnUnparsableSetting_FailsNamingTheSetting(string key, string value) =>
        (await StartFailure(key, value)).ShouldContain($"{key} is '{value}'");

    [TestCase("Recommendation:QueueDepth", "-1")]
    [TestCase("Recommendation:Candidates", "0")]
    [TestCase("Recommendation:Lambda", "1.5")]
    [TestCase("Recommendation:TickInterval", "-00:00:30")]
    [TestCase("Recommendation:PlanningConcurrency", "0")]
    [TestCase("Auth:Lockout:MaxFailures", "0")]
    [TestCase("Auth:Jwt:AccessTokenLifetime", "00:00:00")]
    [TestCase("Audio:MaxUploadBytes", "0")]
    [TestCase("Audio:Store:Kind", "ftp")]
    public async Task Startup_WithAnOutOfRangeSetting_FailsNamingTheSetting(string key, string value) =>
        (await StartFailure(key, value)).ShouldContain($"{key} must");

    [Test]
    public async Task HostCommand_WithABareNumberForATimeSpan_ExitsWithAMessageNamingTheSetting()
    {
        var (exitCode, output) = await HostCommand.RunAsync("grant-role", "nobody@example.com", "admin", "--Recommendation:TickInterval=30");

        exitCode.ShouldNotBe(0);
        output.ShouldContain("Recommendation:TickInterval is '30'");
        output.ShouldContain("00:00:30");
    }

    private static async Task<string> StartFailure(string key, string value)
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string> { [key] = value });
        return Should.Throw<Exception>(() => api.CreateClient()).ToString();
    }
}
