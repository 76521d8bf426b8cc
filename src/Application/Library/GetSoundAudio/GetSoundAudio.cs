using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Storage;

namespace Soundscape.Application.Library.GetSoundAudio;

/// <summary>Where a sound's audio is, with what the HTTP layer needs to stream it (type, hash for the ETag).</summary>
public sealed record GetSoundAudioQuery(Guid Id) : IRequest<SoundAudioDto>;

public sealed record SoundAudioDto(AudioLocation Location, string ContentType, string ContentHash, DateTimeOffset UpdatedAt);

internal sealed class GetSoundAudioHandler(IApplicationDbContext db, IAudioStore store) : IRequestHandler<GetSoundAudioQuery, SoundAudioDto>
{
    // The stored name's extension was chosen from the content at upload (AudioContainer); files stored before that
    // keep the uploader's extension.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".wav"] = "audio/wav", [".wave"] = "audio/wav", [".mp3"] = "audio/mpeg", [".ogg"] = "audio/ogg", [".oga"] = "audio/ogg",
        [".opus"] = "audio/ogg", [".flac"] = "audio/flac", [".m4a"] = "audio/mp4", [".aac"] = "audio/aac",
        [".aif"] = "audio/aiff", [".aiff"] = "audio/aiff", [".wma"] = "audio/x-ms-wma", [".webm"] = "audio/webm",
    };

    public async Task<SoundAudioDto> Handle(GetSoundAudioQuery request, CancellationToken cancellationToken)
    {
        var sound = await db.Sounds.AsNoTracking().Where(s => s.Id == request.Id)
                        .Select(s => new { s.FilePath, s.ContentHash, s.UpdatedAt }).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Sound", request.Id);
        var location = await store.LocateAsync(sound.FilePath, cancellationToken);
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(sound.FilePath), "application/octet-stream");
        return new SoundAudioDto(location, type, sound.ContentHash, sound.UpdatedAt);
    }
}
