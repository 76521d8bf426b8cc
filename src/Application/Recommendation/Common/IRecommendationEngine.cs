using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Recommendation.Common;

/// <summary>
/// The recommendation engine's one port: the statements that plan queues (DESIGN §4.4–§4.5), implemented in
/// Infrastructure/Recommendation with its SQL in embedded .sql files. Its work runs on the request's unit of work
/// (the same connection and transaction as <see cref="Common.Persistence.IApplicationDbContext"/>), so a planner's
/// transaction covers both.
/// </summary>
public interface IRecommendationEngine
{
    /// <summary>
    /// recommend_with_penalty (DESIGN §4.4) in PostgreSQL: the best <paramref name="limit"/> candidates for a player,
    /// nearest by pgvector's &lt;=&gt; on the HNSW index and re-ranked by the recency penalty.
    /// </summary>
    Task<IReadOnlyList<RecommendationRow>> RecommendWithPenaltyAsync(
        Guid playerId, TasteVector taste, DateTimeOffset now, PenaltySettings penalty, int candidates, int limit, bool excludeQueued,
        CancellationToken cancellationToken);

    /// <summary>
    /// Loads the players of <paramref name="playerIds"/> that exist and locks their rows (<c>ORDER BY id FOR UPDATE</c>,
    /// one statement) for the current transaction. Untracked: a planner writes them with <see cref="SaveQueuePlansAsync"/>.
    /// </summary>
    Task<IReadOnlyList<Player>> LockPlayersAsync(IReadOnlyCollection<Guid> playerIds, CancellationToken cancellationToken);

    /// <summary>
    /// recommend_with_penalty for a batch of players in one statement (recommend_for_players): each player's best
    /// <paramref name="limit"/> candidates for its taste, grouped by player and best first within each.
    /// </summary>
    Task<IReadOnlyList<PlayerRecommendationRow>> RecommendForPlayersAsync(
        IReadOnlyList<PlayerTaste> tastes, DateTimeOffset now, PenaltySettings penalty, int candidates, int limit, bool excludeQueued,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch of plans with one statement per kind of change (none for an empty kind): the planned players'
    /// room and queue version, the removed, added and updated queue items, and a queue notification for every player
    /// whose queue changed (delivered when the transaction commits).
    /// </summary>
    Task SaveQueuePlansAsync(QueuePlanChanges changes, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the online players not yet planned in <paramref name="round"/>, in one statement with SKIP LOCKED, so two
    /// instances running the same round never claim the same player.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimPlanningRoundAsync(long round, DateTimeOffset onlineSince, CancellationToken cancellationToken);

    /// <summary>Announces a player's new queue version to every API instance (pg_notify: delivered when the transaction commits).</summary>
    Task NotifyQueueChangedAsync(Guid playerId, long version, CancellationToken cancellationToken);
}

/// <summary>One row of recommend_with_penalty: a sound or a mix, with the numbers that ranked it.</summary>
public sealed record RecommendationRow(Guid? SoundId, Guid? MixId, double Similarity, double Penalty, double Score);

/// <summary>A player and the taste to recommend for.</summary>
public sealed record PlayerTaste(Guid PlayerId, TasteVector Taste);

/// <summary>One row of recommend_for_players: a player's candidate, with the numbers that ranked it.</summary>
public sealed record PlayerRecommendationRow(Guid PlayerId, Guid? SoundId, Guid? MixId, double Similarity, double Penalty, double Score);

/// <summary>What a batch of plans writes (the entities carry the new values).</summary>
public sealed class QueuePlanChanges
{
    /// <summary>Every planned player: its room (collective vector, fallback), when it was planned, its queue version.</summary>
    public List<Player> Planned { get; } = [];

    /// <summary>The players whose queue changed (their version went up): the ones to notify.</summary>
    public List<Player> QueueChanged { get; } = [];

    public List<Guid> Removed { get; } = [];

    public List<QueueItem> Added { get; } = [];

    /// <summary>Kept items whose explanation or place moved: their players' room version moves (the room view shows the reasons).</summary>
    public List<QueueItem> Updated { get; } = [];

    /// <summary>The room's taste of every planned player, recorded in room_taste_history unless it barely moved.</summary>
    public List<RoomTasteSample> Tastes { get; } = [];

    /// <summary>A taste closer than this (Euclidean) to the player's last recorded one, with the same listener count, is not recorded.</summary>
    public double TasteEpsilon { get; init; }
}

/// <param name="Taste">What the public room view may show (null: fewer than three listeners' tastes, or exploring).</param>
/// <param name="Listeners">Everyone in the room when it was planned.</param>
public sealed record RoomTasteSample(Guid PlayerId, DateTimeOffset PlannedAt, TasteVector? Taste, int Listeners);
