using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;

namespace Soundscape.Application.Analytics.Common;

/// <summary>
/// The period of a room analytics request: ISO 8601 instants <c>from</c> and <c>to</c> (an offset or Z; a bare date or
/// time is read as UTC), half-open [from, to), at most <see cref="MaxRange"/> long.
/// </summary>
public static class AnalyticsPeriod
{
    /// <summary>The longest period one request may cover: a leap year.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>The most taste buckets a response holds (the bucket grows with the period).</summary>
    public const int MaxTasteBuckets = 200;

    // Round steps, so buckets line up with hours and days when the period does.
    private static readonly TimeSpan[] BucketSteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && text!.Length <= 40;

    /// <summary>The value of a field the validator accepted.</summary>
    public static DateTimeOffset Parse(string? text) =>
        TryParse(text, out var value) ? value : throw new InvalidOperationException($"'{text}' was not validated as a time.");

    /// <summary>The smallest round step that keeps a period within <see cref="MaxTasteBuckets"/> buckets.</summary>
    public static TimeSpan TasteBucket(DateTimeOffset from, DateTimeOffset to)
    {
        var range = to - from;
        return BucketSteps.FirstOrDefault(step => range / step <= MaxTasteBuckets, BucketSteps[^1]);
    }

    /// <summary>Rules for a request's from and to: both readable, to after from, at most MaxRange apart (those failures name "to").</summary>
    public static void AddPeriodRules<T>(this AbstractValidator<T> validator, Expression<Func<T, string?>> from, Expression<Func<T, string?>> to)
    {
        var start = from.Compile();
        validator.RuleFor(from).Must(t => TryParse(t, out _)).WithMessage("from must be an ISO 8601 time such as 2026-12-01T00:00:00Z.");
        validator.RuleFor(to).Cascade(CascadeMode.Stop)
            .Must(t => TryParse(t, out _)).WithMessage("to must be an ISO 8601 time such as 2026-12-08T00:00:00Z.")
            .Must((r, t) => !TryParse(start(r), out var begin) || Parse(t) > begin).WithMessage("to must be after from.")
            .Must((r, t) => !TryParse(start(r), out var begin) || Parse(t) - begin <= MaxRange)
            .WithMessage($"to must be at most {MaxRange.TotalDays:0} days after from.");
    }
}
