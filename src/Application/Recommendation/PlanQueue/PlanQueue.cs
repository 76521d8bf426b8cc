using MediatR;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Application.Recommendation.PlanQueue;

/// <summary>
/// Re-plans one player's not-yet-started queue items for the people in the room now (DESIGN §4.5): the batch planner
/// with a batch of one. Service work only.
/// </summary>
[ServiceWork]
public sealed record PlanQueueCommand(Guid PlayerId) : IRequest<QueuePlan>;

internal sealed class PlanQueueHandler(QueuePlanner planner) : IRequestHandler<PlanQueueCommand, QueuePlan>
{
    public async Task<QueuePlan> Handle(PlanQueueCommand request, CancellationToken cancellationToken)
    {
        var plans = await planner.PlanAsync([request.PlayerId], cancellationToken);
        return plans.SingleOrDefault() ?? throw new NotFoundException("Player", request.PlayerId);
    }
}
