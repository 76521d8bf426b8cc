using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.Recommendation;

/// <summary>The taste of the people at a player, with fallbacks when nobody there has one (DESIGN §4.3).</summary>
public static class CollectiveVectorCalculator
{
    /// <remarks>
    /// Each source is tried in order; one that yields no direction (no non-zero vector, or vectors that cancel
    /// out exactly) falls through to the next, so the result is always unit length or an explicit Explore.
    /// </remarks>
    public static CollectiveVector Compute(
        IReadOnlyCollection<TasteVector> roomListeners,
        IReadOnlyCollection<TasteVector> allActiveListeners,
        TasteVector? playerDefault)
    {
        ArgumentNullException.ThrowIfNull(roomListeners);
        ArgumentNullException.ThrowIfNull(allActiveListeners);

        var listenerCount = roomListeners.Count;

        var (room, inRoom) = NormalizedMeanDirection(roomListeners);
        if (!room.IsZero)
        {
            return new CollectiveVector(room, CollectiveFallback.Room, listenerCount, inRoom);
        }

        var (everyone, active) = NormalizedMeanDirection(allActiveListeners);
        if (!everyone.IsZero)
        {
            return new CollectiveVector(everyone, CollectiveFallback.AllActiveListeners, listenerCount, active);
        }

        if (playerDefault is not null && !playerDefault.IsZero)
        {
            return new CollectiveVector(playerDefault.Normalize(), CollectiveFallback.PlayerDefault, listenerCount);
        }

        return new CollectiveVector(TasteVector.Zero, CollectiveFallback.Explore, listenerCount);
    }

    /// <returns>The unit mean direction (zero when there is none) and how many vectors made it.</returns>
    private static (TasteVector Direction, int Count) NormalizedMeanDirection(IEnumerable<TasteVector> vectors)
    {
        var sum = new double[TasteVector.Dimensions];
        var count = 0;
        foreach (var vector in vectors)
        {
            ArgumentNullException.ThrowIfNull(vector, nameof(vectors));

            // Zero means "no signal yet", so it must not drag the mean towards the origin.
            if (vector.IsZero)
            {
                continue;
            }

            // Preferences are stored unit length; normalising again guarantees one listener, one equal vote
            // even if a stored vector has drifted, and keeps the sum far from overflow.
            var unit = vector.Normalize();
            for (var i = 0; i < TasteVector.Dimensions; i++)
            {
                sum[i] += unit[i];
            }

            count++;
        }

        if (count == 0)
        {
            return (TasteVector.Zero, 0);
        }

        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] /= count;
        }

        return (TasteVector.FromValues(sum).Normalize(), count);
    }
}
