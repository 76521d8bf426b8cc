using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Common.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Common.Storage;
using Soundscape.Audio.Analysis;
using Soundscape.Audio.Decoding;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Application.Identity.Common;
using Soundscape.Infrastructure.Audio;
using Soundscape.Infrastructure.Devices;
using Soundscape.Infrastructure.Recommendation;
using Soundscape.Infrastructure.Storage;
using Soundscape.Infrastructure.Identity;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = NonEmpty(configuration.GetConnectionString("Soundscape")) ?? DatabaseOptions.LocalApp;
        var migrationConnectionString = NonEmpty(configuration.GetConnectionString("SoundscapeMigrations"))
            ?? (NonEmpty(configuration.GetConnectionString("Soundscape")) is null ? DatabaseOptions.LocalOwner : connectionString);
        var serviceConnectionString = NonEmpty(configuration.GetConnectionString("SoundscapeService"))
            ?? (NonEmpty(configuration.GetConnectionString("Soundscape")) is null ? DatabaseOptions.LocalService : connectionString);
        var options = new DatabaseOptions
        {
            ConnectionString = connectionString,
            MigrationConnectionString = migrationConnectionString,
            ServiceConnectionString = serviceConnectionString,
            MigrateOnStartup = StrictBinding.Read<DatabaseStartupOptions>(configuration.GetSection("Database")).MigrateOnStartup,
            IdentityMode = IdentityModeSetting.Resolve(configuration, migrationConnectionString),
        };
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(_ => NpgsqlDataSources.Create(options.ConnectionString));
        services.AddSingleton<ServiceDatabase>();
        services.AddSingleton<IServiceDatabase>(provider => provider.GetRequiredService<ServiceDatabase>());
        services.AddDbContext<SoundscapeDbContext>((provider, builder) =>
        {
            var caller = provider.GetRequiredService<ICurrentUser>();
            if (caller.IsService)
            {
                // Background and host work: the service role, which row-level security does not restrict.
                DatabaseMigrator.Configure(builder, provider.GetRequiredService<ServiceDatabase>().DataSource, options.IdentityMode);
                return;
            }
            DatabaseMigrator.Configure(builder, provider.GetRequiredService<Npgsql.NpgsqlDataSource>(), options.IdentityMode)
                .AddInterceptors(new RowLevelSecurityInterceptor(caller));
        });
        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<SoundscapeDbContext>());
        services.AddScoped<IRoomAnalyticsStore>(provider => provider.GetRequiredService<SoundscapeDbContext>());
        services.AddScoped<IRecommendationEngine, RecommendationEngine>();
        services.AddStrictOptions<RoomAnalyticsOptions>(configuration, RoomAnalyticsOptions.Section,
            (o => double.IsFinite(o.TasteEpsilon) && o.TasteEpsilon is >= 0 and <= 0.5,
                $"{RoomAnalyticsOptions.Section}:TasteEpsilon must be a number from 0 to 0.5 (default 0.02)."),
            (o => o.TasteRetention >= TimeSpan.FromDays(1), $"{RoomAnalyticsOptions.Section}:TasteRetention must be at least 1.00:00:00 (default 400.00:00:00)."),
            (o => o.SweepInterval >= TimeSpan.FromMinutes(1) && o.SweepInterval <= TimeSpan.FromDays(7),
                $"{RoomAnalyticsOptions.Section}:SweepInterval must be from 00:01:00 to 7.00:00:00 (default 06:00:00)."));
        services.AddScoped<DatabaseHealth>();
        services.AddSingleton<DatabaseMigrator>();

        var jwt = JwtOptions.FromConfiguration(configuration);
        if (options.IdentityMode == IdentityMode.Supabase && jwt.External is null)
            throw new InvalidOperationException(
                "Auth:Mode is supabase, so Supabase Auth issues the tokens: set Auth:External:Issuer (https://<project>.supabase.co/auth/v1) " +
                "and Auth:External:JwksUri (published keys, https://<project>.supabase.co/auth/v1/.well-known/jwks.json) or Auth:External:SigningKey (the legacy JWT secret).");
        services.AddSingleton(jwt);
        if (options.IdentityMode == IdentityMode.Supabase)
            services.AddSingleton<Identity.Supabase.SupabaseAccounts>();
        services.AddSingleton<ITokenService, JwtTokenService>();
        services.AddSingleton<LowPriorityWork>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddStrictOptions<RefreshTokenOptions>(configuration, RefreshTokenOptions.Section,
            (o => o.Lifetime > TimeSpan.Zero, $"{RefreshTokenOptions.Section}:Lifetime must be a positive time span such as 30.00:00:00."));
        services.AddStrictOptions<GuestAccountOptions>(configuration, GuestAccountOptions.Section,
            (o => o.IdleAfter >= TimeSpan.FromHours(1), $"{GuestAccountOptions.Section}:IdleAfter must be at least 01:00:00 (default 30.00:00:00)."),
            (o => o.SweepInterval > TimeSpan.Zero, $"{GuestAccountOptions.Section}:SweepInterval must be a positive time span such as 01:00:00."));
        services.AddSingleton<IRefreshTokens, RefreshTokenStore>();

        var store = AudioStoreOptions.FromConfiguration(configuration);
        services.AddSingleton(store);
        services.AddSingleton<IAudioStore>(_ => store.Kind switch
        {
            "local" => new LocalAudioStore(store),
            "s3" => new S3AudioStore(store),
            _ => throw new InvalidOperationException($"Audio:Store:Kind must be local or s3, not '{store.Kind}'."),
        });
        services.AddSingleton(new AudioDecoder());
        services.AddSingleton(new EmbeddingAnalyzer());
        services.AddSingleton<IAudioInspector, AudioInspector>();

        services.AddSingleton<QueueVersionCache>();
        services.AddSingleton<DeviceKeyCache>();
        services.AddOptions<DeviceKeyRevocationOptions>().BindStrictly(configuration.GetSection(DeviceKeyRevocationOptions.Section))
            .Validate(o => o.KeyRevocationTimeout > TimeSpan.Zero && o.KeyRevocationTimeout <= TimeSpan.FromMinutes(1),
                "Devices:KeyRevocationTimeout must be more than 0 and at most 00:01:00.")
            .ValidateOnStart();
        services.AddSingleton<DeviceKeyRevocations>();
        services.AddSingleton<IDeviceKeyRevocation>(provider => provider.GetRequiredService<DeviceKeyRevocations>());
        services.AddSingleton<RoomChangeChannel>();
        services.AddSingleton<IRoomChanges>(provider => provider.GetRequiredService<RoomChangeChannel>());
        services.AddSingleton<IDeviceKeys, DeviceKeys>();
        services.AddStrictOptions<DevicePairingOptions>(configuration, DevicePairingOptions.Section,
            (o => o.Lifetime >= TimeSpan.FromMinutes(1) && o.Lifetime <= TimeSpan.FromHours(1),
                $"{DevicePairingOptions.Section}:Lifetime must be from 00:01:00 to 01:00:00 (default 00:10:00)."),
            (o => o.IntervalSeconds is >= 1 and <= 60, $"{DevicePairingOptions.Section}:IntervalSeconds must be from 1 to 60 (default 5)."));
        services.AddSingleton<IDevicePairings, DevicePairingStore>();
        return services;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
