using System.Globalization;
using Microsoft.Extensions.Configuration;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Application.Recommendation.Common;

/// <summary>The engine's knobs (configuration "Recommendation"); DESIGN §4.4–§4.5 gives the defaults.</summary>
public sealed class RecommendationOptions
{
    public PenaltySettings Penalty { get; init; } = PenaltySettings.Default;

    /// <summary>How many items a player's queue holds (not counting what is playing).</summary>
    public int QueueDepth { get; init; } = 3;

    /// <summary>How many nearest candidates the index scan yields before the penalty re-ranks them.</summary>
    public int Candidates { get; init; } = 40;

    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A player silent for this long counts as offline.</summary>
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many batches of players one instance plans at once within a tick.</summary>
    public int PlanningConcurrency { get; init; } = 2;

    /// <summary>How many players a tick plans in one transaction (one batch: a fixed handful of statements).</summary>
    public int PlanningBatchSize { get; init; } = 100;

    public static RecommendationOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("Recommendation");
        var defaults = new RecommendationOptions();
        double Number(string key, double fallback) =>
            double.TryParse(section[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : fallback;
        TimeSpan Time(string key, TimeSpan fallback) =>
            TimeSpan.TryParse(section[key], CultureInfo.InvariantCulture, out var value) ? value : fallback;
        return new RecommendationOptions
        {
            Penalty = new PenaltySettings(
                Number("Lambda", defaults.Penalty.Lambda), Time("Tau", defaults.Penalty.Tau), Time("Window", defaults.Penalty.Window)),
            QueueDepth = (int)Number("QueueDepth", defaults.QueueDepth),
            Candidates = (int)Number("Candidates", defaults.Candidates),
            TickInterval = Time("TickInterval", defaults.TickInterval),
            OfflineAfter = Time("OfflineAfter", defaults.OfflineAfter),
            PlanningConcurrency = Math.Max(1, (int)Number("PlanningConcurrency", defaults.PlanningConcurrency)),
            PlanningBatchSize = Math.Max(1, (int)Number("PlanningBatchSize", defaults.PlanningBatchSize)),
        };
    }
}
