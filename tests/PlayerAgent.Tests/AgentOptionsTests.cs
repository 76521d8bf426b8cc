using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Soundscape.PlayerAgent.Configuration;

namespace Soundscape.PlayerAgent.Tests;

public sealed class AgentOptionsTests
{
    [Test]
    public void Options_WhenNothingIsConfigured_AreValidDefaultsThatIdle()
    {
        var options = Resolve([], hasSoundCard: false);

        options.HasServer.ShouldBeFalse();
        options.CacheFolder.ShouldEndWith(Path.Combine("soundscape-agent", "cache"));
        Path.IsPathFullyQualified(options.CacheFolder).ShouldBeTrue();
        options.JournalPath.ShouldEndWith(Path.Combine("soundscape-agent", "play-journal.jsonl"));
        options.CacheMaxBytes.ShouldBe(2L * 1024 * 1024 * 1024);
        options.Output.Kind.ShouldBe(OutputKind.Wav);
        options.Output.Device.ShouldBe("default");
        options.Output.FilePath.ShouldNotBeNull().ShouldEndWith(Path.Combine("soundscape-agent", "output.wav"));
        options.CrossfadeSeconds.ShouldBe(3);
        options.PollWaitSeconds.ShouldBe(25);
        options.Output.MaxFileSeconds.ShouldBe(300);
    }

    [Test]
    public void Options_WhenASoundCardIsPresentAndNoKindIsSet_UseAlsa() =>
        Resolve([], hasSoundCard: true).Output.Kind.ShouldBe(OutputKind.Alsa);

    [Test]
    public void Options_WhenConfigured_BindFromTheAgentSectionWithLowerCaseKinds()
    {
        var options = Resolve(new()
        {
            ["Agent:ServerUrl"] = "http://127.0.0.1:5080/",
            ["Agent:DeviceKey"] = "key",
            ["Agent:CacheFolder"] = ".agent/cache",
            ["Agent:CacheMaxBytes"] = "1000",
            ["Agent:Output:Kind"] = "null",
            ["Agent:CrossfadeSeconds"] = "1.5",
        }, hasSoundCard: true);

        options.HasServer.ShouldBeTrue();
        options.CacheFolder.ShouldBe(Path.GetFullPath(".agent/cache"));
        options.CacheMaxBytes.ShouldBe(1000);
        options.Output.Kind.ShouldBe(OutputKind.Null);
        options.CrossfadeSeconds.ShouldBe(1.5);
    }

    [TestCase("Agent:DeviceKeyPath", " ", "Agent:DeviceKeyPath must not be empty")]
    [TestCase("Agent:StatusPath", " ", "Agent:StatusPath must not be empty")]
    [TestCase("Agent:DeviceKey", "key", "Agent:ServerUrl is not")]
    [TestCase("Agent:CacheMaxBytes", "0", "Agent:CacheMaxBytes must be positive")]
    [TestCase("Agent:PollWaitSeconds", "60", "Agent:PollWaitSeconds must be between 0 and 25")]
    [TestCase("Agent:CrossfadeSeconds", "-1", "Agent:CrossfadeSeconds must be between 0 and 60")]
    [TestCase("Agent:Output:MaxFileSeconds", "0", "Agent:Output:MaxFileSeconds must be between 1 and 86400")]
    [TestCase("Agent:Output:MaxFileSeconds", "0.5", "Agent:Output:MaxFileSeconds must be between 1 and 86400")]
    [TestCase("Agent:Output:MaxFileSeconds", "-300", "Agent:Output:MaxFileSeconds must be between 1 and 86400")]
    [TestCase("Agent:Output:MaxFileSeconds", "86401", "Agent:Output:MaxFileSeconds must be between 1 and 86400")]
    [TestCase("Agent:Output:MaxFileSeconds", "NaN", "Agent:Output:MaxFileSeconds must be between 1 and 86400")]
    public void Options_WhenASettingIsWrong_FailWithAMessageNamingTheKey(string key, string value, string message)
    {
        var error = Should.Throw<OptionsValidationException>(() => Resolve(new() { [key] = value }, hasSoundCard: false));

        error.Failures.ShouldContain(failure => failure.Contains(message, StringComparison.Ordinal));
    }

    [Test]
    public void Options_WhenTheServerUrlIsNotAbsoluteHttp_FailWithAMessageNamingTheKey()
    {
        var error = Should.Throw<OptionsValidationException>(() =>
            Resolve(new() { ["Agent:ServerUrl"] = "server:5080", ["Agent:DeviceKey"] = "key" }, hasSoundCard: false));

        error.Failures.ShouldContain(failure => failure.Contains("Agent:ServerUrl must be an absolute http(s) URL", StringComparison.Ordinal));
    }

    [TestCase(" 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n                      HDA Intel PCH at 0xf7f10000 irq 32\n", true)]
    [TestCase("--- no soundcards ---\n", false)]
    [TestCase("", false)]
    public void SoundCardProbe_ReadsTheKernelsCardList(string cards, bool expected) =>
        SoundCardProbe.ListsACard(cards).ShouldBe(expected);

    private static AgentOptions Resolve(Dictionary<string, string?> settings, bool hasSoundCard)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddAgentOptions(configuration, () => hasSoundCard).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AgentOptions>>().Value;
    }
}
