extern alias api;

using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Soundscape.TestSupport;

namespace Soundscape.EndToEnd.Tests;

/// <summary>
/// The real API, listening with Kestrel on a real port (so an agent reaches it over TCP), with its engine running.
/// Stopping it and starting another on the same port and store is what a server restart looks like to a device.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<api::Program>
{
    public const string SigningKey = "end-to-end-tests-signing-key-0123456789abcdef";

    private readonly TestDatabase _database;
    private readonly string _audioStore;

    private ApiHost(TestDatabase database, int port, string audioStore)
    {
        _database = database;
        _audioStore = audioStore;
        Port = port;
        UseKestrel(port);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts a host on <paramref name="port"/> (a free one when 0) and waits until it answers.</summary>
    public static ApiHost Start(TestDatabase database, string audioStore, int port = 0)
    {
        var host = new ApiHost(database, port == 0 ? FreePort() : port, audioStore);
        host.StartServer();
        return host;
    }

    /// <summary>A client of this host over HTTP (not the in-memory test server).</summary>
    public HttpClient Http() => new() { BaseAddress = BaseAddress };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Soundscape", _database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:SoundscapeMigrations", _database.OwnerConnectionString);
        builder.UseSetting("ConnectionStrings:SoundscapeService", _database.ServiceConnectionString);
        builder.UseSetting("Auth:Jwt:SigningKey", SigningKey);
        builder.UseSetting("Audio:Store:Path", _audioStore);
        // Every listener of a test signs up from the same (test) address.
        builder.UseSetting("RateLimiting:PerAddress:PermitLimit", "1000000");
        builder.UseSetting("RateLimiting:PerAddress:Burst", "1000000");
        builder.UseSetting("Recommendation:Engine:Enabled", "true");
        builder.UseSetting("Recommendation:TickInterval", "00:00:02");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
