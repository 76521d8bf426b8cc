using Soundscape.Application.Common.Configuration;
using Microsoft.Extensions.Options;

namespace Soundscape.PlayerAgent.Configuration;

public static class AgentOptionsRegistration
{
    /// <summary>Binds "Agent", fills the defaults that depend on the machine, and validates when the host starts.</summary>
    public static IServiceCollection AddAgentOptions(this IServiceCollection services, IConfiguration configuration, Func<bool>? hasSoundCard = null)
    {
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddOptions<AgentOptions>()
            .BindStrictly(configuration.GetSection(AgentOptions.SectionName))
            .PostConfigure(options => Complete(options, hasSoundCard ?? (() => SoundCardProbe.HasSoundCard())))
            .ValidateOnStart();
        return services;
    }

    /// <summary>Resolves the output kind and makes every path absolute, so later code never depends on the working directory.</summary>
    public static void Complete(AgentOptions options, Func<bool> hasSoundCard)
    {
        options.Output.Kind ??= hasSoundCard() ? OutputKind.Alsa : OutputKind.Wav;
        if (!string.IsNullOrWhiteSpace(options.CacheFolder))
            options.CacheFolder = Path.GetFullPath(options.CacheFolder);
        if (!string.IsNullOrWhiteSpace(options.DeviceKeyPath))
            options.DeviceKeyPath = Path.GetFullPath(options.DeviceKeyPath);
        if (!string.IsNullOrWhiteSpace(options.StatusPath))
            options.StatusPath = Path.GetFullPath(options.StatusPath);
        if (!string.IsNullOrWhiteSpace(options.JournalPath))
            options.JournalPath = Path.GetFullPath(options.JournalPath);
        if (!string.IsNullOrWhiteSpace(options.JournalPath))
            options.StatePath = Path.GetFullPath(options.StatePath ?? Path.Combine(Path.GetDirectoryName(options.JournalPath)!, "last-queue.json"));
        if (options.Output.Kind == OutputKind.Wav && !string.IsNullOrWhiteSpace(options.CacheFolder))
            options.Output.FilePath = Path.GetFullPath(options.Output.FilePath ?? Path.Combine(options.CacheFolder, "..", "output.wav"));
    }
}
