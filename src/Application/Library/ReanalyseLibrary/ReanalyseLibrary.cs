using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Common.Storage;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Library.ReanalyseLibrary;

/// <summary>
/// Measures every sound of the library again with the current analyzer (after the analyzer or its mapping changed) and
/// keeps the new calculated embedding (admins, or the host command as service work). An admin's override keeps
/// ranking; only the calculated embedding behind it moves. Each sound is saved on its own, so one unreadable file
/// (missing, undecodable, or in a remote store) is reported and the others still move.
/// </summary>
[RequiresRole(Role.Admin)]
public sealed record ReanalyseLibraryCommand : IRequest<ReanalysisReport>;

/// <summary>What a re-analysis did. Distances are Euclidean, in axis units (each axis 0..1), between the calculated
/// embeddings before and after (a missing embedding counts as the origin).</summary>
/// <param name="Sounds">Sounds in the library.</param>
/// <param name="Analysed">Sounds whose audio could be read and measured.</param>
/// <param name="Moved">Sounds whose calculated embedding changed.</param>
/// <param name="OverridesKept">Moved sounds whose admin override stayed the ranking embedding.</param>
/// <param name="MeanDistance">Mean distance moved over the moved sounds (0 when none moved).</param>
/// <param name="MaxDistance">The largest distance moved (0 when none moved).</param>
/// <param name="Moves">Each moved sound, largest move first.</param>
/// <param name="Failed">Sounds that could not be analysed, with the reason; they keep what they had.</param>
public sealed record ReanalysisReport(
    int Sounds, int Analysed, int Moved, int OverridesKept, double MeanDistance, double MaxDistance,
    IReadOnlyList<EmbeddingMove> Moves, IReadOnlyList<ReanalysisFailure> Failed);

/// <param name="Distance">Euclidean distance between the old and the new calculated embedding.</param>
/// <param name="Before">The calculated embedding before (null: none).</param>
/// <param name="After">The calculated embedding now (null: none).</param>
/// <param name="Overridden">True when an admin's override ranks instead, and stays.</param>
public sealed record EmbeddingMove(Guid SoundId, string Title, double Distance, Common.TasteDto? Before, Common.TasteDto? After, bool Overridden);

public sealed record ReanalysisFailure(Guid SoundId, string Title, string Reason);

internal sealed class ReanalyseLibraryHandler(
    IApplicationDbContext db, IAudioStore store, IAudioInspector inspector, TimeProvider clock,
    ILogger<ReanalyseLibraryHandler> logger) : IRequestHandler<ReanalyseLibraryCommand, ReanalysisReport>
{
    public async Task<ReanalysisReport> Handle(ReanalyseLibraryCommand request, CancellationToken cancellationToken)
    {
        var ids = await db.Sounds.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync(cancellationToken);
        var moves = new List<EmbeddingMove>();
        var failed = new List<ReanalysisFailure>();
        var analysed = 0;
        foreach (var id in ids)
        {
            // One sound at a time: the library may be large, and a sound deleted meanwhile is simply gone.
            var sound = await db.Sounds.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (sound is null)
                continue;
            AudioInspection inspection;
            try
            {
                if (await store.LocateAsync(sound.FilePath, cancellationToken) is not LocalAudioFile file)
                    throw new UnsupportedMediaException("The file is in a remote store; re-analysis reads local files only.");
                if (!File.Exists(file.Path))
                    throw new FileNotFoundException("The stored file is missing.", file.Path);
                inspection = await inspector.InspectAsync(file.Path, cancellationToken);
            }
            catch (Exception ex) when (ex is UnsupportedMediaException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                logger.LogWarning(ex, "Sound {SoundId}: not re-analysed", sound.Id);
                failed.Add(new ReanalysisFailure(sound.Id, sound.Title, ex.Message));
                db.Sounds.Entry(sound).State = EntityState.Detached;
                continue;
            }

            analysed++;
            var before = sound.CalculatedEmbedding;
            if (sound.Recalculate(inspection.Embedding, clock.GetUtcNow()))
            {
                await db.SaveChangesAsync(cancellationToken);
                var after = sound.CalculatedEmbedding;
                moves.Add(new EmbeddingMove(sound.Id, sound.Title, Distance(before, after),
                    before is null ? null : Common.TasteDto.From(before), after is null ? null : Common.TasteDto.From(after),
                    sound.IsEmbeddingOverridden));
            }
            db.Sounds.Entry(sound).State = EntityState.Detached;
        }

        moves.Sort((a, b) => b.Distance.CompareTo(a.Distance));
        return new ReanalysisReport(ids.Count, analysed, moves.Count, moves.Count(m => m.Overridden),
            moves.Count == 0 ? 0 : moves.Average(m => m.Distance), moves.Count == 0 ? 0 : moves[0].Distance, moves, failed);
    }

    private static double Distance(TasteVector? before, TasteVector? after)
    {
        var a = (before ?? TasteVector.Zero).ToArray();
        var b = (after ?? TasteVector.Zero).ToArray();
        return Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());
    }
}
