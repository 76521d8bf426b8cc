using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Library.GetSound;

[AnyCaller]
public sealed record GetSoundQuery(Guid Id) : IRequest<SoundDto>;

internal sealed class GetSoundHandler(IApplicationDbContext db, IMapper mapper) : IRequestHandler<GetSoundQuery, SoundDto>
{
    public async Task<SoundDto> Handle(GetSoundQuery request, CancellationToken cancellationToken)
    {
        var sound = await db.Sounds.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
                    ?? throw new NotFoundException("Sound", request.Id);
        return mapper.Map<SoundDto>(sound);
    }
}
