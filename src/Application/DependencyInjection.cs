using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Soundscape.Application.Common.Behaviours;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        // MediatR 5.1 has no DI package here: the mediator resolves handlers through this factory.
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();

        services.Scan(scan => scan.FromAssemblyOf<ApplicationAssemblyMarker>()
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(INotificationHandler<>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime());

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));

        // One caller per request (or per test scope); the database sees it through auth.uid().
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(provider => provider.GetRequiredService<CurrentUser>());
        services.AddScoped<CallerRoles>();
        services.AddScoped<Identity.Common.SignInTokens>();
        services.AddScoped<CurrentDevice>();
        services.AddSingleton(ReadLockout(configuration));
        services.AddSingleton(new AudioLibraryOptions
        {
            MaxUploadBytes = long.TryParse(configuration["Audio:MaxUploadBytes"], CultureInfo.InvariantCulture, out var max) && max > 0
                ? max : AudioLibraryOptions.DefaultMaxUploadBytes,
        });
        services.AddScoped<SoundRegistrar>();
        services.AddSingleton(RecommendationOptions.FromConfiguration(configuration));
        services.AddScoped<QueuePlanner>();

        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], typeof(ApplicationAssemblyMarker));
        return services;
    }

    private static SignInLockoutOptions ReadLockout(IConfiguration configuration)
    {
        var defaults = new SignInLockoutOptions();
        return new SignInLockoutOptions
        {
            MaxFailures = int.TryParse(configuration["Auth:Lockout:MaxFailures"], CultureInfo.InvariantCulture, out var max) && max > 0
                ? max : defaults.MaxFailures,
            Duration = TimeSpan.TryParse(configuration["Auth:Lockout:Duration"], CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero
                ? duration : defaults.Duration,
        };
    }
}

/// <summary>Anchors assembly scanning.</summary>
public sealed class ApplicationAssemblyMarker;
