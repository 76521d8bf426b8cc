using MediatR;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Application.Recommendation.ClaimPlanningRound;

/// <summary>
/// Claims this instance's share of a tick round: the online players that no instance has planned in
/// <paramref name="Round"/> yet. Two instances claiming the same round get disjoint sets. Service work only.
/// </summary>
[ServiceWork]
public sealed record ClaimPlanningRoundCommand(long Round) : IRequest<IReadOnlyList<Guid>>;

internal sealed class ClaimPlanningRoundHandler(IRecommendationEngine engine, RecommendationOptions options, TimeProvider clock)
    : IRequestHandler<ClaimPlanningRoundCommand, IReadOnlyList<Guid>>
{
    public Task<IReadOnlyList<Guid>> Handle(ClaimPlanningRoundCommand request, CancellationToken cancellationToken)
    {
        return engine.ClaimPlanningRoundAsync(request.Round, clock.GetUtcNow() - options.OfflineAfter, cancellationToken);
    }
}
