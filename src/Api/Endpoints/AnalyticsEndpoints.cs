using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Analytics.ExportRoomAnalytics;
using Soundscape.Application.Analytics.GetRoomAnalytics;

namespace Soundscape.Api.Endpoints;

/// <summary>Room analytics (issue 13): a player's figures for a period, as JSON or CSV. Managers their own players, admins all.</summary>
internal static class AnalyticsEndpoints
{
    private const string Access = " Managers (their own players; someone else's is 404) and admins; listeners 403.";
    private const string Period = " from and to are ISO 8601 times (e.g. 2026-12-01T00:00:00Z), to after from, at most 366 days apart; the period is [from, to).";

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/players").WithTags("Analytics").RequireAuthorization();
        group.MapGet("/{id:guid}/analytics", GetAnalytics).WithName("GetRoomAnalytics")
            .WithSummary("A player's plays, listening minutes, listeners, votes per sound, top and bottom sounds and taste over time." + Period + Access)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/analytics.csv", ExportAnalytics).WithName("ExportRoomAnalytics")
            .WithSummary("The same as CSV (text/csv): kind=sounds (default), summary or taste." + Period + Access)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<RoomAnalyticsDto>> GetAnalytics(
        Guid id, IMediator mediator, CancellationToken cancellationToken, string? from = null, string? to = null) =>
        TypedResults.Ok(await mediator.Send(new GetRoomAnalyticsQuery(id, from, to), cancellationToken));

    private static async Task<FileContentHttpResult> ExportAnalytics(
        Guid id, IMediator mediator, CancellationToken cancellationToken, string? from = null, string? to = null, string? kind = null)
    {
        var export = await mediator.Send(new ExportRoomAnalyticsQuery(id, from, to, kind), cancellationToken);
        // A UTF-8 byte order mark, so spreadsheets read the titles' accents right.
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(export.Content)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", export.FileName);
    }
}
