using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Soundscape.Application.Common.Configuration;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.Abuse;

/// <summary>
/// Rate limits (ASP.NET Core's rate limiter) and request body limits. Endpoints opt in by name:
/// <c>.RequireRateLimiting(AbuseProtection.AnonymousWritePolicy)</c> per client address, and
/// <c>.RequireAccountRateLimit()</c> per account for requests that name one (<see cref="IAccountAttempt"/>).
/// </summary>
public static class AbuseProtection
{
    /// <summary>The rate-limiter policy for endpoints that write without a token: counted per client address.</summary>
    public const string AnonymousWritePolicy = "anonymous-write";

    public static IServiceCollection AddAbuseProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().BindStrictly(configuration.GetSection(RateLimitingOptions.Section))
            .Validate(o => Valid(o.PerAddress), "RateLimiting:PerAddress needs PermitLimit of at least 1, a Window of at least 1 s (hh:mm:ss) and a Burst from 1 to PermitLimit.")
            .Validate(o => Valid(o.PerAccount), "RateLimiting:PerAccount needs PermitLimit of at least 1, a Window of at least 1 s (hh:mm:ss) and a Burst from 1 to PermitLimit.")
            .Validate(o => o.PasswordHashing is { Concurrency: >= 1, QueueLimit: >= 0 },
                "RateLimiting:PasswordHashing needs Concurrency of at least 1 and QueueLimit of at least 0.")
            .ValidateOnStart();
        services.AddOptions<RequestLimitsOptions>().BindStrictly(configuration.GetSection(RequestLimitsOptions.Section))
            .Validate(o => o.MaxBodyBytes >= 1024, "RequestLimits:MaxBodyBytes must be at least 1024 (bytes).")
            .ValidateOnStart();

        services.AddSingleton<AccountRateLimiter>();
        services.AddSingleton<PasswordHashingLimiter>();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(AnonymousWritePolicy, context =>
            {
                var window = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.PerAddress;
                return RateLimitPartition.GetTokenBucketLimiter(ClientAddressKey(context.Connection.RemoteIpAddress), _ => TokenBucket(window));
            });
            // Written here rather than thrown to the exception handler: a flood is mostly rejections, and each should cost
            // as little as possible (no exception unwinding the middleware, no body read, no hashing, no database). The
            // response is the one the handler writes for TooManyAttemptsException: 429 ProblemDetails with Retry-After.
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var window = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.PerAddress.Window;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = RetryAfterSeconds(RetryAfter(context.Lease, window));
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many attempts.",
                        Detail = "Too many requests from this address: try again later.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>Counts the request against the account it names (any argument that is an <see cref="IAccountAttempt"/>).</summary>
    public static TBuilder RequireAccountRateLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AccountRateLimitFilter>();

    /// <summary>
    /// Makes the request wait for one of RateLimiting:PasswordHashing:Concurrency slots (429 when the queue is full):
    /// for endpoints that check or make a password hash. Add it after the rate limits, so refused requests never queue.
    /// </summary>
    public static TBuilder LimitsPasswordHashing<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, PasswordHashingFilter>();

    /// <summary>
    /// Body limits first (a body too large is refused from its Content-Length), then the rate limiter. Both act before
    /// the endpoint binds its body; placed after authorization, whose policies read no body either.
    /// </summary>
    public static IApplicationBuilder UseAbuseProtection(this IApplicationBuilder app)
    {
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The partition of a client address: IPv4 as is, IPv6 by its /64 prefix (one host usually holds a whole /64,
    /// so counting single addresses would let it rotate through them).
    /// </summary>
    internal static string ClientAddressKey(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// The bucket of a window: <see cref="RateLimitWindow.Burst"/> tokens, refilled evenly so that the window brings
    /// <see cref="RateLimitWindow.PermitLimit"/> of them; refills come at most once a second (a timer per microsecond
    /// for a generous limit would be a cost of its own), several tokens at a time when the limit needs it.
    /// </summary>
    internal static TokenBucketRateLimiterOptions TokenBucket(RateLimitWindow window)
    {
        var perToken = window.Window / window.PermitLimit;
        var period = perToken >= TimeSpan.FromSeconds(1) ? perToken : TimeSpan.FromSeconds(1);
        var tokensPerPeriod = (int)Math.Min(int.MaxValue, Math.Ceiling(period / perToken));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = window.Burst,
            TokensPerPeriod = Math.Min(tokensPerPeriod, window.Burst),
            ReplenishmentPeriod = period,
            QueueLimit = 0, // refuse at once: a queued flood would only hold connections open
            AutoReplenishment = true,
        };
    }

    /// <summary>Retry-After in whole seconds, at least 1.</summary>
    internal static string RetryAfterSeconds(TimeSpan retryAfter) =>
        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    internal static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan fallback) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;

    private static bool Valid(RateLimitWindow? window) =>
        window is { PermitLimit: >= 1, Burst: >= 1 } && window.Burst <= window.PermitLimit && window.Window >= TimeSpan.FromSeconds(1);
}

/// <summary>The per-account token buckets (one per account key); a full, idle bucket is dropped by the limiter.</summary>
internal sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountRateLimiter(IOptions<RateLimitingOptions> options)
    {
        Window = options.Value.PerAccount;
        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, _ => AbuseProtection.TokenBucket(Window)));
    }

    public RateLimitWindow Window { get; }

    public RateLimitLease Acquire(string accountKey) => _limiter.AttemptAcquire(accountKey);

    public void Dispose() => _limiter.Dispose();
}

internal sealed class AccountRateLimitFilter(AccountRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            // A key longer than any e-mail is refused by validation before any work; it must not become a partition.
            if (argument is not IAccountAttempt { AccountKey: { Length: > 0 and <= UserAccount.MaxEmailLength } key })
                continue;
            using var lease = limiter.Acquire(key);
            if (!lease.IsAcquired)
                throw new TooManyAttemptsException("Too many requests for this account: try again later.",
                    AbuseProtection.RetryAfter(lease, limiter.Window.Window));
        }
        return await next(context);
    }
}

/// <summary>The instance's password-hashing slots (a concurrency limiter with a first-come queue).</summary>
internal sealed class PasswordHashingLimiter(IOptions<RateLimitingOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.PasswordHashing.Concurrency,
        QueueLimit = options.Value.PasswordHashing.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}

internal sealed class PasswordHashingFilter(PasswordHashingLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = await limiter.AcquireAsync(context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
            throw new TooManyAttemptsException("The server is busy checking passwords: try again shortly.", TimeSpan.FromSeconds(1));
        return await next(context);
    }
}

/// <summary>
/// Applies the endpoint's body limit (its <see cref="IRequestSizeLimitMetadata"/>, else RequestLimits:MaxBodyBytes):
/// a declared Content-Length over it is a 413 before anything is read, and a body without one is cut off at the limit
/// by a counting stream, so at most the limit is ever buffered.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } declared
            ? declared.MaxRequestBodySize
            : options.Value.MaxBodyBytes;
        if (limit is not { } max)
            return next(context);
        if (context.Request.ContentLength > max)
            throw new PayloadTooLargeException(TooLarge(max));
        // Kestrel's own limit throws an IOException, which the body binder takes for a dropped connection; this
        // stream's 413 reaches the exception handler on every server (the test server has no body limit at all).
        context.Request.Body = new LimitedReadStream(context.Request.Body, max);
        return next(context);
    }

    internal static string TooLarge(long max) =>
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than this endpoint takes ({max} bytes).");
}

/// <summary>Reads through to the inner stream and fails with a 413 once more than the limit has been read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
            throw new PayloadTooLargeException(RequestBodyLimitMiddleware.TooLarge(limit));
        return read;
    }
}
