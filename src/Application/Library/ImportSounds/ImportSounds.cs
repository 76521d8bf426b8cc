using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Library.ImportSounds;

/// <summary>
/// Registers audio files that are not in the library yet (by content hash) — the seeds' "standardize sounds" step.
/// Files already known are skipped, files that cannot be decoded are reported; running it twice adds nothing.
/// </summary>
[RequiresRole(Role.Admin)]
public sealed record ImportSoundsCommand(IReadOnlyList<SoundFileToImport> Files) : IRequest<ImportReport>
{
    /// <summary>Every audio file below <paramref name="folder"/> (by name ending), titled after its file name.</summary>
    public static ImportSoundsCommand FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw RequestValidationException.For("folder", $"There is no folder '{folder}'.");
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => AudioLibraryOptions.AudioExtensions.Contains(Path.GetExtension(f)))
            .Order(StringComparer.Ordinal)
            .Select(f => new SoundFileToImport(f, TitleFromFileName(f), null, null))
            .ToList();
        return new ImportSoundsCommand(files);
    }

    // "harbour_waves-at-night.wav" → "Harbour waves at night".
    internal static string TitleFromFileName(string path)
    {
        var words = Path.GetFileNameWithoutExtension(path).Replace('_', ' ').Replace('-', ' ').Trim();
        var title = string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        title = title.Length == 0 ? "Untitled" : char.ToUpperInvariant(title[0]) + title[1..];
        return title.Length <= Sound.MaxTitleLength ? title : title[..Sound.MaxTitleLength];
    }
}

public sealed record SoundFileToImport(string Path, string Title, string? Artist, string? Type);

public sealed record ImportReport(IReadOnlyList<ImportedSound> Added, IReadOnlyList<SkippedSound> Skipped, IReadOnlyList<UnreadableSound> Unreadable);

public sealed record ImportedSound(string File, Guid SoundId, string Title, double DurationSeconds, TasteDto? Embedding);

public sealed record SkippedSound(string File, Guid ExistingSoundId);

public sealed record UnreadableSound(string File, string Reason);

internal sealed class ImportSoundsValidator : AbstractValidator<ImportSoundsCommand>
{
    public ImportSoundsValidator() =>
        RuleForEach(c => c.Files).ChildRules(file =>
            file.RuleFor(f => f.Type).Must(t => SoundTypes.TryParse(t, out _)).When(f => f.Type is not null)
                .WithMessage("type must be \"soundscape\" or \"instrumental\"."));
}

internal sealed class ImportSoundsHandler(SoundRegistrar registrar) : IRequestHandler<ImportSoundsCommand, ImportReport>
{
    public async Task<ImportReport> Handle(ImportSoundsCommand request, CancellationToken cancellationToken)
    {
        var (added, skipped, unreadable) = (new List<ImportedSound>(), new List<SkippedSound>(), new List<UnreadableSound>());
        foreach (var file in request.Files)
        {
            try
            {
                var type = SoundTypes.TryParse(file.Type, out var parsed) ? parsed : SoundType.Soundscape;
                var registration = await registrar.RegisterAsync(file.Path, new SoundDescription(file.Title, file.Artist, type), cancellationToken);
                if (registration.Added is { } sound)
                    added.Add(new ImportedSound(file.Path, sound.Id, sound.Title, sound.DurationSeconds,
                        sound.Embedding is null ? null : TasteDto.From(sound.Embedding)));
                else
                    skipped.Add(new SkippedSound(file.Path, registration.ExistingId!.Value));
            }
            catch (Exception ex) when (ex is UnsupportedMediaException or IOException or UnauthorizedAccessException)
            {
                // One bad file does not stop the others; each file is its own unit of work.
                unreadable.Add(new UnreadableSound(file.Path, ex.Message));
            }
        }
        return new ImportReport(added, skipped, unreadable);
    }
}
