using System.Globalization;
using System.Text;
using FluentValidation;
using MediatR;
using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Analytics.ExportRoomAnalytics;

/// <summary>
/// A player's analytics for a period as CSV (RFC 4180, comma-separated, CRLF, a header row). <see cref="Kind"/>:
/// <c>sounds</c> (default: every sound and mix, not only the first 100), <c>summary</c> (one row) or <c>taste</c> (the
/// bucketed taste over time).
/// </summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record ExportRoomAnalyticsQuery(Guid PlayerId, string? From, string? To, string? Kind) : IRequest<CsvExport>;

/// <param name="FileName">A suggested file name, e.g. <c>analytics-sounds-2026-12-01.csv</c>.</param>
public sealed record CsvExport(string FileName, string Content);

internal sealed class ExportRoomAnalyticsValidator : AbstractValidator<ExportRoomAnalyticsQuery>
{
    public static readonly string[] Kinds = ["sounds", "summary", "taste"];

    public ExportRoomAnalyticsValidator()
    {
        this.AddPeriodRules(q => q.From, q => q.To);
        RuleFor(q => q.Kind).Must(k => k is null || Kinds.Contains(k, StringComparer.Ordinal))
            .WithMessage($"kind must be one of {string.Join(", ", Kinds)}.");
    }
}

internal sealed class ExportRoomAnalyticsHandler(IApplicationDbContext db, IRoomAnalyticsStore store, CallerRoles callerRoles, ICurrentUser currentUser)
    : IRequestHandler<ExportRoomAnalyticsQuery, CsvExport>
{
    public async Task<CsvExport> Handle(ExportRoomAnalyticsQuery request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        var from = AnalyticsPeriod.Parse(request.From);
        var to = AnalyticsPeriod.Parse(request.To);
        var kind = request.Kind ?? "sounds";
        var analytics = await RoomAnalytics.ReadAsync(store, player.Id, from, to, cancellationToken);
        var csv = new CsvWriter();
        switch (kind)
        {
            case "summary":
                csv.Row("from", "to", "plays", "played_minutes", "listening_minutes", "unique_listeners", "peak_listeners",
                    "votes", "ratings", "average_rating", "likes", "dislikes");
                var s = analytics.Summary;
                csv.Row(Time(from), Time(to), Number(s.Plays), Number(s.PlayedMinutes), Number(s.ListeningMinutes), Number(s.UniqueListeners),
                    Number(s.PeakListeners), Number(s.Votes), Number(s.Ratings), Number(s.AverageRating), Number(s.Likes), Number(s.Dislikes));
                break;
            case "taste":
                csv.Row("at", "rain", "wind", "fire", "thunder", "waves", "listeners", "samples");
                foreach (var p in analytics.Taste.Points)
                    csv.Row(Time(p.At), Number(p.Taste?.Rain), Number(p.Taste?.Wind), Number(p.Taste?.Fire), Number(p.Taste?.Thunder),
                        Number(p.Taste?.Waves), Number(p.Listeners), Number(p.Samples));
                break;
            default:
                csv.Row("sound_id", "mix_id", "title", "plays", "listening_minutes", "votes", "ratings", "average_rating", "likes", "dislikes", "approval");
                // Every item, not only the JSON table's first rows.
                var all = RoomAnalytics.Ordered((await store.RoomSoundsAsync(player.Id, from, to, cancellationToken)).Select(RoomAnalytics.ToDto));
                foreach (var r in all)
                    csv.Row(r.SoundId?.ToString() ?? "", r.MixId?.ToString() ?? "", r.Title ?? "", Number(r.Plays), Number(r.ListeningMinutes),
                        Number(r.Votes), Number(r.Ratings), Number(r.AverageRating), Number(r.Likes), Number(r.Dislikes), Number(r.Approval));
                break;
        }
        return new CsvExport($"analytics-{kind}-{from:yyyy-MM-dd}.csv", csv.ToString());
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>RFC 4180 fields; a text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.</summary>
internal sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    public void Row(params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
                _text.Append(',');
            _text.Append(Field(fields[i]));
        }
        _text.Append("\r\n");
    }

    public override string ToString() => _text.ToString();

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
