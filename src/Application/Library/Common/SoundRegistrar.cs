using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Storage;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Library.Common;

/// <summary>What a new sound is called; the file itself is measured.</summary>
public sealed record SoundDescription(string Title, string? Artist, SoundType Type);

/// <summary>The outcome of registering one file: the new sound, or the sound that already has these bytes.</summary>
public sealed record SoundRegistration(Sound? Added, Guid? ExistingId);

/// <summary>
/// Adds one audio file to the library: hash, decode and measure, store, insert — in that order, so a file that cannot
/// be read is never stored, and a stored file whose row could not be written is removed again. Shared by upload,
/// import and the demo library.
/// </summary>
public sealed class SoundRegistrar(
    IApplicationDbContext db, IAudioStore store, IAudioInspector inspector, TimeProvider clock, ILogger<SoundRegistrar> logger)
{
    public async Task<SoundRegistration> RegisterAsync(string path, SoundDescription description, CancellationToken cancellationToken)
    {
        var hash = await HashAsync(path, cancellationToken);
        var existing = await db.Sounds.AsNoTracking().Where(s => s.ContentHash == hash).Select(s => (Guid?)s.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
            return new SoundRegistration(null, existing);

        var inspection = await inspector.InspectAsync(path, cancellationToken);
        // The type it is served with, and the stored name's extension, come from the content, never the upload's name.
        var (contentType, extension) = await AudioContainer.SniffAsync(path, cancellationToken);
        var stored = await store.SaveAsync(path, hash, extension, cancellationToken);
        try
        {
            var sound = Sound.Register(description.Title, description.Artist, description.Type, stored.Key, hash,
                inspection.DurationSeconds, inspection.Embedding, clock.GetUtcNow(), contentType);
            db.Sounds.Add(sound);
            await db.SaveChangesAsync(cancellationToken);
            return new SoundRegistration(sound, null);
        }
        catch
        {
            // No row, no file: a failed registration leaves nothing behind. The file is shared by content, though: when
            // a concurrent registration of the same bytes won (its row is committed by the time ours is refused), the
            // file is its file and stays.
            if (stored.NewlyStored && !await db.Sounds.AsNoTracking().AnyAsync(s => s.ContentHash == hash, CancellationToken.None))
                await DeleteQuietlyAsync(stored.Key);
            throw;
        }
    }

    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not remove stored audio {Key} after a failed registration", key);
        }
    }
}
