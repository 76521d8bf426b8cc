namespace Soundscape.Application.Recommendation.Common;

/// <summary>
/// Tells the engine a room changed (someone checked in or out, or voted there), so its queue is re-planned within a
/// second instead of at the next tick. Handlers call it after their change is committed.
/// </summary>
public interface IRoomChanges
{
    void Changed(Guid playerId);
}
