using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Mixes.Common;

internal static class MixAccess
{
    /// <summary>
    /// The caller's own mix, tracked for a change. Someone else's private mix is 404 (its existence is not theirs to
    /// know; row-level security hides it too); someone else's public mix is 403 (they can see it, not change it).
    /// </summary>
    public static async Task<Mix> FindOwnForChangeAsync(IApplicationDbContext db, Guid mixId, Guid callerId, CancellationToken cancellationToken)
    {
        var mix = await db.Mixes.SingleOrDefaultAsync(m => m.Id == mixId, cancellationToken)
                  ?? throw new NotFoundException("Mix", mixId);
        if (mix.CreatorId != callerId)
        {
            if (!mix.IsPublic)
                throw new NotFoundException("Mix", mixId);
            throw new ForbiddenAccessException("Only the mix's creator may change it.");
        }
        return mix;
    }
}
