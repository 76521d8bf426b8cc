using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Soundscape.PlayerAgent.Tests.Support;

/// <summary>A real Kestrel server on a free loopback port; each test maps the misbehaviour it needs.</summary>
internal sealed class AudioTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private AudioTestServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IEnumerable<SeenRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path);

    public Uri Url(string path) => new(BaseAddress, path);

    public static async Task<AudioTestServer> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new AudioTestServer(app);
        app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            server.Requests.Enqueue(new SeenRequest(context.Request.Path, Header(headers.Range), Header(headers.IfRange), Header(headers.Authorization)));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>The bytes with range support and the API's ETag ("\"&lt;sha256&gt;\"").</summary>
    public static Task ServeAsync(HttpContext context, byte[] bytes, bool ranges = true) =>
        Results.File(bytes, "application/octet-stream", enableRangeProcessing: ranges, entityTag: ETagOf(bytes)).ExecuteAsync(context);

    /// <summary>Promises all the bytes, sends the first <paramref name="count"/>, then drops the connection.</summary>
    public static async Task ServeCutAsync(HttpContext context, byte[] bytes, int count)
    {
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.ETag = ETagOf(bytes).ToString();
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, count));
        await context.Response.Body.FlushAsync();
        context.Abort();
    }

    public static EntityTagHeaderValue ETagOf(byte[] bytes) => new($"\"{Hash(bytes)}\"");

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string? Header(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}
