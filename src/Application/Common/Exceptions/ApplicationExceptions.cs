using FluentValidation.Results;

namespace Soundscape.Application.Common.Exceptions;

/// <summary>Input failed validation; carries every field's messages. API: 400.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more validation errors occurred.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException From(IEnumerable<ValidationFailure> failures) =>
        new(failures
            .GroupBy(f => ToCamelCase(f.PropertyName), f => f.ErrorMessage)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray()));

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    // "Layers[0].Volume" → "layers[0].volume": JSON field names as the client sent them.
    internal static string ToCamelCase(string path) =>
        string.Join('.', path.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>The thing asked for does not exist, or the caller may not know it exists. API: 404.</summary>
public sealed class NotFoundException(string resource, object key) : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;
}

/// <summary>The caller is known but may not do this. API: 403.</summary>
public sealed class ForbiddenAccessException(string message = "You may not do this.") : Exception(message);

/// <summary>
/// The request conflicts with the current state (a duplicate, a concurrent change). API: 409; <see cref="Extensions"/>
/// become members of the ProblemDetails (e.g. the id of the thing it duplicates).
/// </summary>
public sealed class ConflictException(string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}

/// <summary>The caller is not (validly) signed in, or the credentials are wrong. API: 401.</summary>
public sealed class UnauthorizedException(string message) : Exception(message);

/// <summary>Too many attempts; try again after <see cref="RetryAfter"/>. API: 429 with Retry-After.</summary>
public sealed class TooManyAttemptsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The content is not in a format this server can read. API: 415.</summary>
public sealed class UnsupportedMediaException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The content is larger than allowed. API: 413.</summary>
public sealed class PayloadTooLargeException(string message) : Exception(message);

/// <summary>
/// A device's pairing poll was not granted (RFC 8628 §3.5): <see cref="Error"/> is authorization_pending, slow_down,
/// expired_token, access_denied or invalid_grant. API: 400 ProblemDetails with <c>error</c> (and <c>interval</c> for
/// slow_down).
/// </summary>
public sealed class DevicePairingException(string error, string message, int? interval = null) : Exception(message)
{
    public const string AuthorizationPending = "authorization_pending";
    public const string SlowDown = "slow_down";
    public const string ExpiredToken = "expired_token";
    public const string AccessDenied = "access_denied";
    public const string InvalidGrant = "invalid_grant";

    public string Error { get; } = error;

    /// <summary>The poll interval in seconds from now on (slow_down).</summary>
    public int? Interval { get; } = interval;
}

/// <summary>
/// The one list of exceptions that are answers rather than bugs: each maps to a 4xx ProblemDetails in the API
/// (ProblemDetailsExceptionHandler), and a cancelled request is nobody's fault. Anything else reaching the pipeline's
/// edge is logged as an error.
/// </summary>
public static class ExpectedExceptions
{
    public static bool IsExpected(Exception exception) => exception is RequestValidationException or NotFoundException
        or ForbiddenAccessException or ConflictException or Domain.Common.DomainException or OperationCanceledException
        or UnauthorizedException or TooManyAttemptsException or UnsupportedMediaException or PayloadTooLargeException
        or DevicePairingException;
}
