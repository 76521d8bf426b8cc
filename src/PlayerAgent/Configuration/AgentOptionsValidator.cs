using Microsoft.Extensions.Options;

namespace Soundscape.PlayerAgent.Configuration;

/// <summary>Checks the settings at start-up so a misconfigured device fails at once with a message naming the key.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var errors = new List<string>();
        const string s = AgentOptions.SectionName;

        if (options.HasServer)
        {
            if (!Uri.TryCreate(options.ServerUrl, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
                errors.Add($"{s}:ServerUrl must be an absolute http(s) URL, got '{options.ServerUrl}'.");
        }
        else if (!string.IsNullOrWhiteSpace(options.DeviceKey))
        {
            errors.Add($"{s}:DeviceKey is set but {s}:ServerUrl is not; set both to connect, or neither to idle.");
        }

        if (string.IsNullOrWhiteSpace(options.DeviceKeyPath))
            errors.Add($"{s}:DeviceKeyPath must not be empty.");
        if (string.IsNullOrWhiteSpace(options.StatusPath))
            errors.Add($"{s}:StatusPath must not be empty.");
        if (string.IsNullOrWhiteSpace(options.CacheFolder))
            errors.Add($"{s}:CacheFolder must not be empty.");
        if (options.CacheMaxBytes <= 0)
            errors.Add($"{s}:CacheMaxBytes must be positive, got {options.CacheMaxBytes}.");
        if (string.IsNullOrWhiteSpace(options.JournalPath))
            errors.Add($"{s}:JournalPath must not be empty.");
        if (options.CrossfadeSeconds is < 0 or > 60 || double.IsNaN(options.CrossfadeSeconds))
            errors.Add($"{s}:CrossfadeSeconds must be between 0 and 60, got {options.CrossfadeSeconds}.");
        if (options.PollWaitSeconds is < 0 or > 25)
            errors.Add($"{s}:PollWaitSeconds must be between 0 and 25 (the server holds a poll at most 25 s), got {options.PollWaitSeconds}.");
        if (options.HeartbeatSeconds is < 1 or > 110)
            errors.Add($"{s}:HeartbeatSeconds must be between 1 and 110 (the server reads two silent minutes as offline), got {options.HeartbeatSeconds}.");
        if (options.Output.MaxFileSeconds is not (>= 1 and <= 86400))
            errors.Add($"{s}:Output:MaxFileSeconds must be between 1 and 86400 (how much audio the WAV file holds before it rotates), got {options.Output.MaxFileSeconds}.");
        if (options.Output.Kind == OutputKind.Alsa && string.IsNullOrWhiteSpace(options.Output.Device))
            errors.Add($"{s}:Output:Device must name an ALSA device when {s}:Output:Kind is alsa.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
