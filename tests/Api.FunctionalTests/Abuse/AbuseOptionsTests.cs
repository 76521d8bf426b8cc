namespace Soundscape.Api.FunctionalTests.Abuse;

/// <summary>The rate-limit and body-limit settings are validated when the API starts, and the failure names the setting.</summary>
public sealed class AbuseOptionsTests
{
    [TestCase("RateLimiting:PerAddress:PermitLimit", "0", "RateLimiting:PerAddress")]
    [TestCase("RateLimiting:PerAddress:PermitLimit", "many", "RateLimiting:PerAddress:PermitLimit")]
    [TestCase("RateLimiting:PerAccount:Window", "-00:00:01", "RateLimiting:PerAccount")]
    [TestCase("RateLimiting:PerAccount:Window", "soon", "RateLimiting:PerAccount:Window")]
    [TestCase("RateLimiting:PerAddress:Burst", "2000000", "RateLimiting:PerAddress")]
    [TestCase("RateLimiting:PerAccount:Burst", "0", "RateLimiting:PerAccount")]
    [TestCase("RateLimiting:PasswordHashing:Concurrency", "0", "RateLimiting:PasswordHashing")]
    [TestCase("RateLimiting:PasswordHashing:QueueLimit", "-1", "RateLimiting:PasswordHashing")]
    [TestCase("RequestLimits:MaxBodyBytes", "100", "RequestLimits:MaxBodyBytes")]
    [TestCase("RequestLimits:MaxBodyBytes", "64KB", "RequestLimits:MaxBodyBytes")]
    public async Task Startup_WithAnInvalidAbuseSetting_FailsWithAMessageNamingTheSetting(string key, string value, string named)
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string> { [key] = value });

        var error = Should.Throw<Exception>(() => api.CreateClient());

        error.ToString().ShouldContain(named);
    }
}
