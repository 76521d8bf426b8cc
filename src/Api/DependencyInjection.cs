using Microsoft.AspNetCore.HttpLogging;
using Soundscape.Api.Infrastructure;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
            options.SwaggerDoc("v1", new() { Title = "Soundscape API", Version = "v1", Description = "Ambient sound steered by the people in the room." }));
        services.AddHttpLogging(options =>
        {
            // One structured line per request: method, path, status and duration as fields.
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseHttpLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "Soundscape API");
        return app;
    }

    public static async Task MigrateDatabaseIfConfiguredAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!options.MigrateOnStartup)
            return;
        try
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            // The API still starts; /health reports 503 until the database is reachable and migrated.
            app.Logger.LogError(ex, "Could not migrate the database at start-up");
        }
    }
}
