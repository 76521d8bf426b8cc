using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Mixes.Common;

namespace Soundscape.Application.Mixes.GetMix;

/// <summary>One mix: a public one, or the caller's own. Someone else's private mix is 404.</summary>
[AnyCaller]
public sealed record GetMixQuery(Guid MixId) : IRequest<MixDto>;

internal sealed class GetMixHandler(IApplicationDbContext db, ICurrentUser currentUser) : IRequestHandler<GetMixQuery, MixDto>
{
    public async Task<MixDto> Handle(GetMixQuery request, CancellationToken cancellationToken)
    {
        var callerId = currentUser.Id;
        // Row-level security applies the same rule; the filter states it for readers of this code.
        var mix = await db.Mixes.AsNoTracking()
                      .SingleOrDefaultAsync(m => m.Id == request.MixId && (m.IsPublic || m.CreatorId == callerId), cancellationToken)
                  ?? throw new NotFoundException("Mix", request.MixId);
        return await MixReader.ToDtoAsync(db, mix, cancellationToken);
    }
}
