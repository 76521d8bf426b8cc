using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Soundscape.Application.Common.Behaviours;
using Soundscape.Application.Common.Configuration;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        // MediatR 5.1 has no DI package here: the mediator resolves handlers through this factory, and Scrutor registers them.
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();

        services.Scan(scan => scan.FromAssemblyOf<ApplicationAssemblyMarker>()
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(INotificationHandler<>)), publicOnly: false).AsImplementedInterfaces().WithScopedLifetime());
        // Validators are internal sealed like the handlers, so the scan must include internal types.
        services.AddValidatorsFromAssemblyContaining<ApplicationAssemblyMarker>(ServiceLifetime.Scoped, includeInternalTypes: true);

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));

        // One caller per request (or per test scope); the database sees it through auth.uid().
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(provider => provider.GetRequiredService<CurrentUser>());
        services.AddScoped<CallerRoles>();
        services.AddScoped<Identity.Common.SignInTokens>();
        services.AddScoped<CurrentDevice>();
        services.AddStrictOptions<SignInLockoutOptions>(configuration, SignInLockoutOptions.Section);
        services.AddStrictOptions<AudioLibraryOptions>(configuration, AudioLibraryOptions.Section);
        services.AddScoped<SoundRegistrar>();
        services.AddStrictOptions<RecommendationOptions>(configuration, RecommendationOptions.Section);
        services.AddScoped<QueuePlanner>();
        services.AddSingleton<PlanningPolicy>();
        services.TryAddSingleton<IPlanningObserver>(NoPlanningObserver.Instance);

        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], typeof(ApplicationAssemblyMarker));
        return services;
    }
}

/// <summary>Anchors assembly scanning.</summary>
public sealed class ApplicationAssemblyMarker;
