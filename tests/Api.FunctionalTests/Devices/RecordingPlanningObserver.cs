using System.Collections.Concurrent;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Api.FunctionalTests.Devices;

/// <summary>A test double of the engine's observer: keeps every round and plan, which a test host lives short enough for.</summary>
internal sealed class RecordingPlanningObserver : IPlanningObserver
{
    private readonly ConcurrentQueue<(long Round, Guid PlayerId)> _entries = new();
    private readonly ConcurrentQueue<(long Round, int Claimed)> _claims = new();

    public IReadOnlyCollection<(long Round, Guid PlayerId)> Entries => _entries;

    /// <summary>Every round this instance took part in, with how many players it claimed (0 when another was first).</summary>
    public IReadOnlyCollection<(long Round, int Claimed)> Claims => _claims;

    public void Claimed(long round, int count) => _claims.Enqueue((round, count));

    public void Planned(long round, Guid playerId) => _entries.Enqueue((round, playerId));
}
