using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Common.Storage;

namespace Soundscape.Application.Library.BackfillSoundContentTypes;

/// <summary>
/// Sniffs the stored content of every sound without a content type (stored before sounds.content_type existed) and
/// keeps the type. Service work (it writes sounds no caller owns); answers how many were filled. A file in a remote
/// store, or missing, is left null and logged: reading such a sound falls back to octet-stream, never to its name.
/// </summary>
[ServiceWork]
public sealed record BackfillSoundContentTypesCommand : IRequest<int>;

internal sealed class BackfillSoundContentTypesHandler(
    IApplicationDbContext db, IAudioStore store, ILogger<BackfillSoundContentTypesHandler> logger)
    : IRequestHandler<BackfillSoundContentTypesCommand, int>
{
    public async Task<int> Handle(BackfillSoundContentTypesCommand request, CancellationToken cancellationToken)
    {
        var sounds = await db.Sounds.Where(s => s.ContentType == null).ToListAsync(cancellationToken);
        var filled = 0;
        foreach (var sound in sounds)
        {
            // One unreadable row (a key the store refuses, a file gone or unreadable) must not stop the start-up.
            try
            {
                if (await store.LocateAsync(sound.FilePath, cancellationToken) is LocalAudioFile file && File.Exists(file.Path))
                {
                    sound.RecordContentType((await AudioContainer.SniffAsync(file.Path, cancellationToken)).ContentType);
                    filled++;
                    continue;
                }
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Sound {SoundId}: its stored file {Key} could not be sniffed", sound.Id, sound.FilePath);
                continue;
            }
            logger.LogWarning("Sound {SoundId}: its stored file {Key} cannot be read here, so its content type stays unknown", sound.Id, sound.FilePath);
        }
        await db.SaveChangesAsync(cancellationToken);
        return filled;
    }
}
