using System.Diagnostics;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Common.Validation;

namespace Soundscape.Application.Common.Behaviours;

// Registered in this order, outermost first: logging, unhandled exception, validation, authorization, performance.
// Authorization runs after validation because that is where the handlers checked roles before the rules moved here:
// a malformed request from an anonymous caller still gets its 400.

internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        logger.LogDebug("Handling {RequestName}", typeof(TRequest).Name);
        return next();
    }
}

internal sealed class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (Exception ex) when (!ExpectedExceptions.IsExpected(ex))
        {
            // Expected outcomes are answered by the API; anything else is a bug worth a log line with the request's name.
            logger.LogError(ex, "Unhandled exception for {RequestName}", typeof(TRequest).Name);
            throw;
        }
    }
}

internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Text first, for every request whether or not it has a validator: a later rule may query with the value,
        // and PostgreSQL cannot even compare a string with NUL in it.
        if (TextRules.ControlCharacterFailures(request) is { Count: > 0 } textFailures)
            throw RequestValidationException.From(textFailures);
        if (validators is ICollection<IValidator<TRequest>> { Count: 0 })
            return await next();
        var context = new ValidationContext<TRequest>(request);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
            failures.AddRange((await validator.ValidateAsync(context, cancellationToken)).Errors);
        if (failures.Count > 0)
            throw RequestValidationException.From(failures);
        return await next();
    }
}

/// <summary>
/// Enforces the request type's <see cref="AccessRuleAttribute"/>: 401 when the caller is not who the rule needs,
/// 403 when known but not allowed. A request type without a rule is refused (and a test keeps there being none).
/// </summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(IServiceProvider services, ICurrentUser currentUser, CurrentDevice device)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AccessRuleAttribute? Rule =
        (AccessRuleAttribute?)Attribute.GetCustomAttribute(typeof(TRequest), typeof(AccessRuleAttribute), inherit: false);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        switch (Rule)
        {
            case AnyCallerAttribute:
                break;
            case SignedInAttribute:
                currentUser.RequireId();
                break;
            case RequiresRoleAttribute roles:
                // Resolved only here: the roles lookup needs the database, which anonymous requests may never touch.
                await services.GetRequiredService<CallerRoles>().RequireAnyAsync(cancellationToken, [.. roles.Roles]);
                break;
            case ServiceWorkAttribute:
                if (!currentUser.IsService)
                    throw new ForbiddenAccessException("This is service work, not a user's request.");
                break;
            case FromDeviceAttribute:
                device.RequirePlayerId();
                break;
            default:
                throw new InvalidOperationException($"{typeof(TRequest).Name} declares no access rule.");
        }
        return await next();
    }
}

internal sealed class PerformanceBehaviour<TRequest, TResponse>(ILogger<PerformanceBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > SlowThreshold)
            logger.LogWarning("Slow request {RequestName} took {ElapsedMs} ms", typeof(TRequest).Name, (long)elapsed.TotalMilliseconds);
        return response;
    }
}
