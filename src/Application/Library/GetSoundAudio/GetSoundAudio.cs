using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Storage;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Library.GetSoundAudio;

/// <summary>Where a sound's audio is, with what the HTTP layer needs to stream it (type, hash for the ETag).</summary>
[AnyCaller]
public sealed record GetSoundAudioQuery(Guid Id) : IRequest<SoundAudioDto>;

/// <param name="ContentType">The media type sniffed from the file's content (sounds.content_type), never from a name.</param>
public sealed record SoundAudioDto(AudioLocation Location, string ContentType, string ContentHash, DateTimeOffset UpdatedAt);

internal sealed class GetSoundAudioHandler(IApplicationDbContext db, IAudioStore store) : IRequestHandler<GetSoundAudioQuery, SoundAudioDto>
{
    public async Task<SoundAudioDto> Handle(GetSoundAudioQuery request, CancellationToken cancellationToken)
    {
        var sound = await db.Sounds.AsNoTracking().Where(s => s.Id == request.Id)
                        .Select(s => new { s.FilePath, s.ContentType, s.ContentHash, s.UpdatedAt }).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Sound", request.Id);
        var location = await store.LocateAsync(sound.FilePath, cancellationToken);
        // A sound stored before the type was kept, and not yet backfilled, is sniffed here: still its content, not its name.
        var type = sound.ContentType
                   ?? (location is LocalAudioFile file && File.Exists(file.Path)
                       ? (await AudioContainer.SniffAsync(file.Path, cancellationToken)).ContentType
                       : "application/octet-stream");
        return new SoundAudioDto(location, type, sound.ContentHash, sound.UpdatedAt);
    }
}
