using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Soundscape.Application.Common.Configuration;

namespace Soundscape.Infrastructure;

/// <summary>Options bound from a configuration section, validated when the host starts, and injectable as the plain value.</summary>
public static class ValidatedOptions
{
    /// <param name="rules">Each check with the message naming the setting, shown when the check fails.</param>
    public static IServiceCollection AddValidatedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, params (Func<T, bool> Check, string Message)[] rules)
        where T : class
    {
        // Strictly, as every option is: an unparsable value or a bare number for a time span names its setting.
        var builder = services.AddOptions<T>().BindStrictly(configuration.GetSection(section));
        foreach (var (check, message) in rules)
            builder.Validate(check, message);
        builder.ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services;
    }
}
