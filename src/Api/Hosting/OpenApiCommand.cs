using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Soundscape.Api.Hosting;

/// <summary>
/// <c>dotnet run --project src/Api -- openapi web/openapi.json</c>: writes the OpenAPI document exactly as the API
/// serves it at /swagger/v1/swagger.json, without a database (no migration, engine, sweeper; the notification
/// listener's failed connection is not logged). It starts the host on a free loopback port, reads the document, stops.
/// </summary>
internal static class OpenApiCommand
{
    public const string Name = "openapi";

    /// <summary>The target file when <paramref name="args"/> is this command, else null.</summary>
    public static string? TargetFile(string[] args) =>
        args.Length > 0 && args[0] == Name ? (args.Length > 1 && !args[1].StartsWith('-') ? Path.GetFullPath(args[1]) : "") : null;

    public static void ConfigureHost(WebApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Recommendation:Engine:Enabled"] = "false",
            ["Auth:Guests:SweepEnabled"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Logging.AddFilter("Soundscape.Infrastructure.Devices", LogLevel.None);
    }

    public static async Task<int> WriteAsync(WebApplication app, string file)
    {
        if (file.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: dotnet run --project src/Api -- openapi <file>");
            return 2;
        }
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            var document = await client.GetStringAsync("/swagger/v1/swagger.json");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, document);
            await Console.Out.WriteLineAsync($"Wrote the OpenAPI document to {file}");
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
