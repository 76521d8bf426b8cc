using AutoMapper;
using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;

namespace Soundscape.Application.Library.UploadSound;

/// <summary>
/// Adds an uploaded audio file to the library (admins): its duration and embedding are calculated from the audio.
/// The content is read once, into a temporary file that is always removed.
/// </summary>
[RequiresRole(Role.Admin)]
public sealed record UploadSoundCommand(Stream Content, string FileName, long Length, string Title, string? Artist, string? Type)
    : IRequest<SoundDto>;

internal sealed class UploadSoundValidator : AbstractValidator<UploadSoundCommand>
{
    public UploadSoundValidator()
    {
        RuleFor(c => c.Length).GreaterThan(0).OverridePropertyName("file").WithMessage("file is required and must not be empty.");
        RuleFor(c => c.Title).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("title is required.")
            .Must(t => t.Trim().Length <= Sound.MaxTitleLength).WithMessage($"title must be at most {Sound.MaxTitleLength} characters.");
        RuleFor(c => c.Artist).Must(a => a!.Trim().Length <= Sound.MaxArtistLength).When(c => c.Artist is not null)
            .WithMessage($"artist must be at most {Sound.MaxArtistLength} characters.");
        RuleFor(c => c.Type).Must(t => SoundTypes.TryParse(t, out _)).When(c => c.Type is not null)
            .WithMessage("type must be \"soundscape\" or \"instrumental\".");
    }
}

internal sealed class UploadSoundHandler(SoundRegistrar registrar, AudioLibraryOptions options, IMapper mapper)
    : IRequestHandler<UploadSoundCommand, SoundDto>
{
    public async Task<SoundDto> Handle(UploadSoundCommand request, CancellationToken cancellationToken)
    {
        if (request.Length > options.MaxUploadBytes)
            throw new PayloadTooLargeException($"The file is {request.Length} bytes; the limit is {options.MaxUploadBytes} bytes.");

        // The extension is kept only as a hint for the store's key and the content type; decoding sniffs the bytes.
        var extension = SafeExtension(request.FileName);
        var temporary = Path.Combine(Path.GetTempPath(), $"soundscape-upload-{Guid.NewGuid():N}{extension}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                await request.Content.CopyToAsync(file, cancellationToken);

            var type = SoundTypes.TryParse(request.Type, out var parsed) ? parsed : SoundType.Soundscape;
            var registration = await registrar.RegisterAsync(temporary,
                new SoundDescription(request.Title, string.IsNullOrWhiteSpace(request.Artist) ? null : request.Artist, type), cancellationToken);
            if (registration.Added is null)
                throw new ConflictException($"This file is already in the library as sound {registration.ExistingId}.",
                    new Dictionary<string, object?> { ["existingSoundId"] = registration.ExistingId });
            return mapper.Map<SoundDto>(registration.Added);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string SafeExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension.Length is > 1 and <= 8 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : ".bin";
    }
}
