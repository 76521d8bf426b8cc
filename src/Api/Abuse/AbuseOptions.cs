namespace Soundscape.Api.Abuse;

/// <summary>
/// <see cref="PermitLimit"/> requests per <see cref="Window"/> on average, of which at most <see cref="Burst"/> at once
/// (a token bucket of <see cref="Burst"/> tokens, refilled evenly over the window). The burst is kept small because
/// each permitted sign-in or sign-up costs a password hash: a window's whole allowance at once stalls the machine.
/// </summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public int Burst { get; set; }
}

/// <summary>
/// Configuration "RateLimiting": how many anonymous writes (sign-up, token, every other endpoint that needs no
/// token) one client address may send per window, and how many sign-ups and token requests may name one account.
/// Over either limit: 429 with Retry-After.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public RateLimitWindow PerAddress { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), Burst = 5 };

    public RateLimitWindow PerAccount { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), Burst = 3 };

    public PasswordHashingLimit PasswordHashing { get; set; } = new();
}

/// <summary>
/// How many requests that check or make a password hash (PBKDF2: tens of ms of one core each) run at once on this
/// instance, and how many more may wait. Many addresses, each within its own limit, could otherwise still take every
/// core. Over the queue: 429 with Retry-After.
/// </summary>
public sealed class PasswordHashingLimit
{
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    public int QueueLimit { get; set; } = 64;
}

/// <summary>
/// Configuration "RequestLimits": the largest request body, in bytes, an endpoint takes unless it declares its own
/// limit (only the upload does, with Audio:MaxUploadBytes). Larger bodies get 413 before they are read.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    public const long DefaultMaxBodyBytes = 64 * 1024;

    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;
}
