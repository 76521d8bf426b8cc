using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Common.Storage;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Library.DeleteSound;

/// <summary>Removes a sound (admins): its row first (votes, queue items and history go with it), then its file.</summary>
[RequiresRole(Role.Admin)]
public sealed record DeleteSoundCommand(Guid Id) : IRequest<Unit>;

internal sealed class DeleteSoundHandler(
    IApplicationDbContext db, IAudioStore store, ILogger<DeleteSoundHandler> logger)
    : IRequestHandler<DeleteSoundCommand, Unit>
{
    public async Task<Unit> Handle(DeleteSoundCommand request, CancellationToken cancellationToken)
    {
        var sound = await db.Sounds.SingleOrDefaultAsync(s => s.Id == request.Id, cancellationToken)
                    ?? throw new NotFoundException("Sound", request.Id);
        db.Sounds.Remove(sound);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            // After the row is gone: a file left by a failure here is harmless; a row without its file would not be.
            await store.DeleteAsync(sound.FilePath, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            logger.LogWarning(ex, "Sound {SoundId} was deleted but its file {Key} could not be removed", sound.Id, sound.FilePath);
        }
        return Unit.Value;
    }
}
