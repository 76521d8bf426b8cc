using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Api.Endpoints;

public sealed record HealthResponse(string Status, DatabaseHealthResponse Database);

public sealed record DatabaseHealthResponse(bool Reachable, bool Migrated, IReadOnlyList<string> PendingMigrations, string? Error);

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithTags("Health")
            .WithSummary("200 when the database is reachable and fully migrated, 503 otherwise.")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/ping", () => TypedResults.NoContent())
            .WithName("Ping")
            .WithTags("Health")
            .WithSummary("Liveness probe: 204 while the process serves requests; touches neither the database nor authentication.")
            .Produces(StatusCodes.Status204NoContent);
        return app;
    }

    private static async Task<JsonHttpResult<HealthResponse>> GetHealth(DatabaseHealth health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        var healthy = report.Reachable && report.Migrated;
        var body = new HealthResponse(healthy ? "healthy" : "unhealthy",
            new DatabaseHealthResponse(report.Reachable, report.Migrated, report.PendingMigrations, report.Error));
        return TypedResults.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
