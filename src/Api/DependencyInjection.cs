using Soundscape.Application.Common.Configuration;
using Soundscape.Application.Recommendation.Common;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpLogging;
using Soundscape.Api.Abuse;
using Soundscape.Api.Endpoints;
using Soundscape.Api.Hosting;
using Soundscape.Api.Rooms;
using Soundscape.Infrastructure;
using Soundscape.Api.Security;
using Soundscape.Infrastructure.Identity;
using Soundscape.Api.Infrastructure;
using Soundscape.Infrastructure.Persistence;
using MediatR;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.BackfillSoundContentTypes;
using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Analytics.RemoveOldTasteHistory;
using Soundscape.Application.Identity.Common;
using Soundscape.Application.Identity.RemoveIdleGuests;

namespace Soundscape.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProblemDetails();
        // Unreadable bodies and parameters throw, so the exception handler can answer with the field at fault.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // A field the request does not have is a mistake worth reporting, not something to drop silently.
        // Numbers must be numbers: the web defaults would also read "5" as 5.
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // Times arrive with any offset and leave this boundary in UTC (the database stores instants).
            options.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
        });
        services.AddBearerAuthentication(configuration);
        services.AddAbuseProtection(configuration);
        services.AddSingleton<IPlanningObserver>(NoPlanningObserver.Instance);
        services.AddRoomEvents(configuration);
        services.AddWebApp(configuration);
        // Supabase Auth keeps (and removes) its own anonymous users; deleting one cascades to its Soundscape data.
        services.AddPeriodicServiceWork<RemoveIdleGuestsCommand>(
            StrictBinding.Read<GuestAccountOptions>(configuration.GetSection(GuestAccountOptions.Section)).SweepEnabled && !SupabaseMode(services),
            provider => new(provider.GetRequiredService<GuestAccountOptions>().SweepInterval, "idle guests"));
        services.AddPeriodicServiceWork<RemoveOldTasteHistoryCommand>(
            StrictBinding.Read<RoomAnalyticsOptions>(configuration.GetSection(RoomAnalyticsOptions.Section)).SweepEnabled,
            provider => new(provider.GetRequiredService<RoomAnalyticsOptions>().SweepInterval, "room tastes past their retention"));
        services.AddHostedService<Soundscape.Infrastructure.Devices.DatabaseNotificationListener>();
        if (StrictBinding.Read<RecommendationOptions>(configuration.GetSection(RecommendationOptions.Section)).Engine.Enabled)
            services.AddHostedService<QueueEngine>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new() { Title = "Soundscape API", Version = "v1", Description = "Ambient sound steered by the people in the room." });
            OpenApiSetup.Configure(options);
        });
        services.AddHttpLogging(options =>
        {
            // One structured line per request: method, path, status and duration as fields.
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        return services;
    }

    private static bool SupabaseMode(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(Soundscape.Infrastructure.Persistence.DatabaseOptions))?.ImplementationInstance
            is Soundscape.Infrastructure.Persistence.DatabaseOptions { IdentityMode: Soundscape.Infrastructure.Identity.IdentityMode.Supabase };

    private static IServiceCollection AddRoomEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStrictOptions<RoomEventsOptions>(configuration, RoomEventsOptions.Section,
            (o => o.HeartbeatInterval >= TimeSpan.FromSeconds(1) && o.HeartbeatInterval <= TimeSpan.FromMinutes(5),
                $"{RoomEventsOptions.Section}:HeartbeatInterval must be from 00:00:01 to 00:05:00 (default 00:00:15)."));
        services.AddSingleton<RoomFeed>();
        services.AddSingleton<Soundscape.Infrastructure.Devices.IRoomVersionObserver>(provider => provider.GetRequiredService<RoomFeed>());
        services.AddSingleton<RoomHeartbeat>();
        services.AddHostedService(provider => provider.GetRequiredService<RoomHeartbeat>());
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseHttpLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTextInputGuard();
        app.UseWebApp();
        app.UseAuthentication();
        app.UseCurrentUser();
        app.UseAuthorization();
        // After authorization: a caller refused by a policy gets 401/403 whatever the size of its body.
        app.UseAbuseProtection();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "Soundscape API");
        return app;
    }

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        app.MapAuthEndpoints();
        app.MapMeEndpoints();
        app.MapSoundEndpoints();
        app.MapVoteEndpoints();
        app.MapSessionEndpoints();
        app.MapAdminEndpoints();
        app.MapDeviceEndpoints();
        app.MapRoomEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapMixEndpoints();
        app.MapPlayerEndpoints();
        if (app.Services.GetRequiredService<JwtOptions>().KeyIsEphemeral)
            app.Logger.LogWarning("Auth:Jwt:SigningKey is not set: tokens are signed with a key made up for this process and die with it.");
        return app;
    }

    // Sounds stored before sounds.content_type existed get the type of their stored content, once, as service work.
    private static async Task BackfillSoundContentTypesAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
        var filled = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BackfillSoundContentTypesCommand());
        if (filled > 0)
            app.Logger.LogInformation("Sniffed the content type of {Count} stored sounds", filled);
    }

    public static async Task MigrateDatabaseIfConfiguredAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup)
            return;
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            await BackfillSoundContentTypesAsync(app);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // The API still starts; /health reports 503 until the database is reachable and migrated.
            app.Logger.LogError(ex, "Could not migrate the database at start-up");
        }
    }
}
