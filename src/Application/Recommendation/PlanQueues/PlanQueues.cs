using MediatR;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Application.Recommendation.PlanQueues;

/// <summary>
/// Re-plans the queues of a batch of players in one transaction (DESIGN §4.5): how the tick plans the players it claimed
/// for a round, a batch at a time. Players that no longer exist are left out of the result. Service work only.
/// </summary>
[ServiceWork]
public sealed record PlanQueuesCommand(IReadOnlyCollection<Guid> PlayerIds) : IRequest<IReadOnlyList<QueuePlan>>;

internal sealed class PlanQueuesHandler(QueuePlanner planner) : IRequestHandler<PlanQueuesCommand, IReadOnlyList<QueuePlan>>
{
    public Task<IReadOnlyList<QueuePlan>> Handle(PlanQueuesCommand request, CancellationToken cancellationToken)
    {
        return planner.PlanAsync(request.PlayerIds, cancellationToken);
    }
}
