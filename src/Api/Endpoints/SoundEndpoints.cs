using MediatR;
using Soundscape.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Library.GetSound;
using Soundscape.Application.Library.ListSounds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Soundscape.Application.Common.Audio;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Storage;
using Soundscape.Application.Library.DeleteSound;
using Soundscape.Application.Library.GetSoundAudio;
using Soundscape.Application.Library.GetSoundUsage;
using Soundscape.Application.Library.ResetSoundEmbedding;
using Soundscape.Application.Library.UpdateSound;
using Soundscape.Application.Library.UploadSound;

namespace Soundscape.Api.Endpoints;

internal static class SoundEndpoints
{
    public static IEndpointRouteBuilder MapSoundEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sounds").WithTags("Sounds");
        group.MapGet("", ListSounds).WithName("ListSounds")
            .WithSummary("The library, newest first; filter by type (soundscape | instrumental), search in title and artist.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetSound).WithName("GetSound")
            .WithSummary("One sound with its embedding as named axes.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // HEAD answers like GET without the body (PhysicalFile writes the headers and skips the body for HEAD).
        group.MapMethods("/{id:guid}/audio", [HttpMethods.Get, HttpMethods.Head], GetAudio).WithName("GetSoundAudio")
            .WithSummary("The audio file, streamed with range requests and an ETag (the content hash); from S3 storage, a redirect to a short-lived URL.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Uploads may be large: the body limit is the configured file limit plus room for the form's other fields.
        var maxUpload = app.ServiceProvider.GetRequiredService<AudioLibraryOptions>().MaxUploadBytes;
        // The admin check is a policy, so it runs before the endpoint reads a byte of the (possibly huge) form.
        var admin = group.MapGroup("").RequireAuthorization(RolePolicies.Admin);
        admin.MapPost("", Upload).WithName("UploadSound")
            .WithSummary("Add an audio file (multipart: file, title, artist?, type?). Admins only. Duration and embedding are calculated from the audio.")
            // Bearer tokens, not cookies, authenticate this API, so there is no cross-site form to guard against.
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + UploadFormSlackBytes))
            .WithFormOptions(multipartBodyLengthLimit: maxUpload + UploadFormSlackBytes)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            // 409: a duplicate of the sound named by the ProblemDetails' existingSoundId.
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapPatch("/{id:guid}", Update).WithName("UpdateSound")
            .WithSummary("Change title, artist, type, or override the embedding (each axis 0..1). Admins only.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/{id:guid}/embedding-override", ResetEmbedding).WithName("ResetSoundEmbedding")
            .WithSummary("Drop the override: the calculated embedding ranks again. Admins only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/{id:guid}/usage", GetUsage).WithName("GetSoundUsage")
            .WithSummary("What deleting the sound takes with it: queue items, history, votes, player libraries; and the mix layers it leaves silent. Admins only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapDelete("/{id:guid}", Delete).WithName("DeleteSound")
            .WithSummary("Remove a sound and its file. Admins only.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private const long UploadFormSlackBytes = 1024 * 1024;

    private static async Task<Created<SoundDto>> Upload(
        IFormFile? file, [FromForm] string? title, [FromForm] string? artist, [FromForm] string? type,
        IMediator mediator, CancellationToken cancellationToken)
    {
        await using var content = file?.OpenReadStream() ?? Stream.Null;
        var sound = await mediator.Send(
            new UploadSoundCommand(content, file?.FileName ?? "", file?.Length ?? 0, title ?? "", artist, type), cancellationToken);
        return TypedResults.Created($"/api/sounds/{sound.Id}", sound);
    }

    private static async Task<Ok<SoundDto>> Update(Guid id, UpdateSoundRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new UpdateSoundCommand(id, request.Title, request.Artist, request.Type, request.Embedding), cancellationToken));

    private static async Task<Ok<SoundDto>> ResetEmbedding(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ResetSoundEmbeddingCommand(id), cancellationToken));

    private static async Task<Ok<SoundUsageDto>> GetUsage(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetSoundUsageQuery(id), cancellationToken));

    private static async Task<NoContent> Delete(Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteSoundCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<PhysicalFileHttpResult, RedirectHttpResult>> GetAudio(
        Guid id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        // RFC 9110 §14.2: a Range in a unit the server does not know is ignored, and the whole file is the answer.
        if (context.Request.Headers.Range.Count > 0 && !IsByteRange(context.Request.Headers.Range.ToString()))
            context.Request.Headers.Remove(HeaderNames.Range);
        var audio = await mediator.Send(new GetSoundAudioQuery(id), cancellationToken);
        return audio.Location switch
        {
            // PhysicalFile streams from disk and answers Range, If-Range, If-None-Match and HEAD itself.
            LocalAudioFile file when File.Exists(file.Path) => TypedResults.PhysicalFile(file.Path, audio.ContentType,
                lastModified: audio.UpdatedAt, entityTag: new EntityTagHeaderValue($"\"{audio.ContentHash}\""), enableRangeProcessing: true),
            LocalAudioFile => throw new NotFoundException("Audio file of sound", id),
            RemoteAudio remote => TypedResults.Redirect(remote.Url.ToString()),
            _ => throw new InvalidOperationException($"Unknown audio location {audio.Location.GetType().Name}."),
        };
    }

    private static bool IsByteRange(string range) =>
        RangeHeaderValue.TryParse(range, out var parsed) && string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase);

    private static async Task<Ok<PagedResult<SoundDto>>> ListSounds(
        IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = 20, string? type = null, string? search = null) =>
        TypedResults.Ok(await mediator.Send(new ListSoundsQuery(page, pageSize, type, search), cancellationToken));

    private static async Task<Ok<SoundDto>> GetSound(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetSoundQuery(id), cancellationToken));
}
