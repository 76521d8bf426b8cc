using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Persistence;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = NonEmpty(configuration.GetConnectionString("Soundscape")) ?? DatabaseOptions.LocalApp;
        var migrationConnectionString = NonEmpty(configuration.GetConnectionString("SoundscapeMigrations"))
            ?? (NonEmpty(configuration.GetConnectionString("Soundscape")) is null ? DatabaseOptions.LocalOwner : connectionString);
        var options = new DatabaseOptions
        {
            ConnectionString = connectionString,
            MigrationConnectionString = migrationConnectionString,
            MigrateOnStartup = configuration.GetValue("Database:MigrateOnStartup", true),
        };
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(_ => NpgsqlDataSources.Create(options.ConnectionString));
        services.AddDbContext<SoundscapeDbContext>((provider, builder) =>
            DatabaseMigrator.Configure(builder, provider.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<SoundscapeDbContext>());
        services.AddScoped<DatabaseHealth>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
