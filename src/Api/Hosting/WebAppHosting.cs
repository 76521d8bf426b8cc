using Soundscape.Application.Common.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Soundscape.Infrastructure;

namespace Soundscape.Api.Hosting;

/// <summary>The listener web app's build (configuration "Web").</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// The folder of the built web app (index.html and its assets). Default: the repository's web/dist beside src/.
    /// When the folder does not exist the API serves only the API.
    /// </summary>
    public string? Root { get; set; }
}

/// <summary>
/// Serves the web app's static files, and index.html for any other path that is not the API's (the app's own router
/// reads the path: /p/{code}, /me). /api, /swagger, /health and /ping keep their ProblemDetails 404s.
/// </summary>
internal static class WebAppHosting
{
    // Any path without a file extension outside the API's own prefixes; the API's paths keep routing's 404 and 405.
    private const string AppPaths = "{*path:nonfile:regex(^(?!(api|swagger|health|ping)(/|$)))}";

    public static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStrictOptions<WebOptions>(configuration, WebOptions.Section,
            (o => o.Root is null || (o.Root.Trim().Length > 0 && !File.Exists(o.Root)),
                $"{WebOptions.Section}:Root must name a folder (the built web app, e.g. web/dist), not a file or an empty string."));

    public static WebApplication UseWebApp(this WebApplication app)
    {
        var root = ResolveRoot(app.Services.GetRequiredService<IOptions<WebOptions>>().Value, app.Environment.ContentRootPath);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogInformation("No web app at {Root} (no index.html): serving the API only", root);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        async Task SendPage(HttpContext context)
        {
            // The page names its hashed assets, so it must be fetched fresh each time.
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        }
        app.MapFallback(AppPaths, SendPage).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).ExcludeFromDescription();
        // The catch-all's constraints never match an empty path, so the home page "/" is mapped on its own.
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], SendPage).ExcludeFromDescription();
        app.Logger.LogInformation("Serving the web app from {Root}", root);
        return app;
    }

    /// <summary>The configured folder (relative to the content root), or the repository's web/dist.</summary>
    internal static string ResolveRoot(WebOptions options, string contentRoot) =>
        Path.GetFullPath(options.Root is { } configured ? Path.Combine(contentRoot, configured) : Path.Combine(contentRoot, "..", "..", "web", "dist"));
}
