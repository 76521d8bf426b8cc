using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Library.GetSoundUsage;

/// <summary>What deleting a sound takes with it (admins): the console's delete confirmation says it before it happens.</summary>
[RequiresRole(Role.Admin)]
public sealed record GetSoundUsageQuery(Guid Id) : IRequest<SoundUsageDto>;

/// <summary>
/// Rows that refer to a sound. Deleting it removes its <paramref name="QueueItems"/>, <paramref name="PlayHistory"/>
/// entries, <paramref name="Votes"/> and <paramref name="PlayerLibraries"/> entries; its <paramref name="MixLayers"/>
/// (in <paramref name="Mixes"/> mixes, anybody's) stay, silent and without embedding.
/// </summary>
public sealed record SoundUsageDto(Guid SoundId, int QueueItems, int PlayHistory, int Votes, int PlayerLibraries, int MixLayers, int Mixes);

internal sealed class GetSoundUsageHandler(IApplicationDbContext db) : IRequestHandler<GetSoundUsageQuery, SoundUsageDto>
{
    public async Task<SoundUsageDto> Handle(GetSoundUsageQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Sounds.AsNoTracking().AnyAsync(s => s.Id == request.Id, cancellationToken))
            throw new NotFoundException("Sound", request.Id);
        var usage = await db.SoundUsageAsync(request.Id, cancellationToken);
        return new SoundUsageDto(request.Id, usage.QueueItems, usage.PlayHistory, usage.Votes, usage.PlayerLibraries, usage.MixLayers, usage.Mixes);
    }
}
