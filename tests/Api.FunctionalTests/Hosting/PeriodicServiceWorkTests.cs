using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Soundscape.Api.Hosting;
using Soundscape.Application.Analytics.RemoveOldTasteHistory;
using Soundscape.Application.Identity.RemoveIdleGuests;

namespace Soundscape.Api.FunctionalTests.Hosting;

/// <summary>The periodic clean-ups (idle guests, old room tastes) are switched by their options, read strictly.</summary>
public sealed class PeriodicServiceWorkTests
{
    [TestCase("Auth:Guests:SweepEnabled")]
    [TestCase("Analytics:SweepEnabled")]
    public async Task Startup_WithAnUnreadableSweepSwitch_FailsWithAMessageNamingTheSetting(string key)
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string> { [key] = "maybe" });

        var error = Should.Throw<Exception>(() => api.CreateClient());

        error.ToString().ShouldContain(key);
    }

    [Test]
    public async Task Startup_HostsExactlyTheSweepsThatAreSwitchedOn()
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string>
        {
            ["Auth:Guests:SweepEnabled"] = "true",
            ["Auth:Guests:SweepInterval"] = "02:00:00",
            ["Analytics:SweepEnabled"] = "false",
        });
        using var client = api.CreateClient();

        var hosted = api.Services.GetServices<IHostedService>().ToList();

        hosted.OfType<PeriodicServiceWork<RemoveIdleGuestsCommand>>().Count().ShouldBe(1);
        hosted.OfType<PeriodicServiceWork<RemoveOldTasteHistoryCommand>>().ShouldBeEmpty();
        api.Services.GetRequiredService<ServiceWorkSchedule<RemoveIdleGuestsCommand>>().Interval.ShouldBe(TimeSpan.FromHours(2));
    }
}
