using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Domain.Common;

namespace Soundscape.Api.Infrastructure;

/// <summary>The one place that turns exceptions into ProblemDetails with the right status code.</summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            RequestValidationException e => new HttpValidationProblemDetails(e.Errors.ToDictionary(kv => kv.Key, kv => kv.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            },
            DomainValidationException e => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
            },
            BadHttpRequestException { InnerException: JsonException json } e => Unreadable(e, json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e =>
                new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Payload too large.", Detail = e.Message },
            BadHttpRequestException e => new ProblemDetails
            {
                Status = e.StatusCode,
                Title = "The request could not be read.",
                Detail = e.Message,
            },
            DevicePairingException e => Pairing(e),
            UnauthorizedException e => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized.", Detail = e.Message },
            UnsupportedMediaException e => new ProblemDetails { Status = StatusCodes.Status415UnsupportedMediaType, Title = "Unsupported media type.", Detail = e.Message },
            PayloadTooLargeException e => new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Payload too large.", Detail = e.Message },
            TooManyAttemptsException e => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many attempts.", Detail = e.Message },
            NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = e.Message },
            ForbiddenAccessException e => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = e.Message },
            ConflictException e => WithExtensions(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = e.Message }, e.Extensions),
            DomainException e => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "A business rule was broken.", Detail = e.Message },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        };
        if (problem.Status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled exception");

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is TooManyAttemptsException tooMany)
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
            problem.Extensions[key] = value;
        return problem;
    }

    // RFC 8628 §3.5 answers a pending or refused poll with 400 and an error code; here it is a ProblemDetails with that code.
    private static ProblemDetails Pairing(DevicePairingException e)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The pairing is not granted.", Detail = e.Message };
        problem.Extensions["error"] = e.Error;
        if (e.Interval is { } interval)
            problem.Extensions["interval"] = interval;
        return problem;
    }

    // Malformed JSON or a value of the wrong type: name the field ("$.rating" → "rating") so the client can fix it.
    private static HttpValidationProblemDetails Unreadable(BadHttpRequestException error, JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = json.Path is null
            ? "The body is not valid JSON."
            : $"The value at '{json.Path}' could not be read: it is malformed, of the wrong type, or not a field of this request.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = error.StatusCode,
            Title = "The request could not be read.",
        };
    }
}
