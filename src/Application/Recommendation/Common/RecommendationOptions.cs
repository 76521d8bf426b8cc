using Soundscape.Application.Common.Configuration;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Application.Recommendation.Common;

/// <summary>
/// The engine's knobs (configuration "Recommendation", bound with <see cref="StrictBinding"/>); DESIGN §4.4–§4.5 gives
/// the defaults. Time spans are hh:mm:ss; a bare number is refused at start-up.
/// </summary>
public sealed class RecommendationOptions
{
    public const string Section = "Recommendation";

    /// <summary>λ of the repetition penalty, 0 to 1 (key "Recommendation:Lambda").</summary>
    [Between(0.0, 1.0)]
    public double Lambda { get; init; } = PenaltySettings.Default.Lambda;

    /// <summary>τ, the penalty's decay time.</summary>
    [Between("00:00:01", "7.00:00:00")]
    public TimeSpan Tau { get; init; } = PenaltySettings.Default.Tau;

    /// <summary>How far back plays count towards the penalty.</summary>
    [Between("00:00:01", "30.00:00:00")]
    public TimeSpan Window { get; init; } = PenaltySettings.Default.Window;

    public PenaltySettings Penalty => new(Lambda, Tau, Window);

    /// <summary>How many items a player's queue holds (not counting what is playing).</summary>
    [Between(1, 50)]
    public int QueueDepth { get; init; } = 3;

    /// <summary>How many nearest candidates the index scan yields before the penalty re-ranks them.</summary>
    [Between(1, 1000)]
    public int Candidates { get; init; } = 40;

    [Between("00:00:01", "01:00:00")]
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A player silent for this long counts as offline.</summary>
    [Between("00:00:01", "1.00:00:00")]
    public TimeSpan OfflineAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How many batches of players one instance plans at once within a tick.</summary>
    [Between(1, 64)]
    public int PlanningConcurrency { get; init; } = 2;

    /// <summary>How many players a tick plans in one transaction (one batch: a fixed handful of statements).</summary>
    [Between(1, 10000)]
    public int PlanningBatchSize { get; init; } = 100;

    /// <summary>"Recommendation:Engine:Enabled": whether this instance runs the planning loop.</summary>
    public EngineSwitch Engine { get; init; } = new();

    public sealed class EngineSwitch
    {
        public bool Enabled { get; init; } = true;
    }
}
