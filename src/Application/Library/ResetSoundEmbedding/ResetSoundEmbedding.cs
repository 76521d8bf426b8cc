using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Library.ResetSoundEmbedding;

/// <summary>
/// Drops an admin's override of a sound's embedding: the calculated one ranks again (admins). A sound without an
/// override is left as it is; the answer is the sound either way. 404 for an unknown sound.
/// </summary>
[RequiresRole(Role.Admin)]
public sealed record ResetSoundEmbeddingCommand(Guid Id) : IRequest<SoundDto>;

internal sealed class ResetSoundEmbeddingHandler(IApplicationDbContext db, TimeProvider clock, IMapper mapper)
    : IRequestHandler<ResetSoundEmbeddingCommand, SoundDto>
{
    public async Task<SoundDto> Handle(ResetSoundEmbeddingCommand request, CancellationToken cancellationToken)
    {
        var sound = await db.Sounds.SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
                    ?? throw new NotFoundException("Sound", request.Id);
        if (sound.IsEmbeddingOverridden)
        {
            sound.ResetEmbedding(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        return mapper.Map<SoundDto>(sound);
    }
}
