using Soundscape.Application.Common.Configuration;

namespace Soundscape.Application.Common.Security;

/// <summary>How many wrong passwords in a row lock an account, and for how long (configuration "Auth:Lockout").</summary>
public sealed class SignInLockoutOptions
{
    public const string Section = "Auth:Lockout";

    [Between(1, 1000)]
    public int MaxFailures { get; init; } = 5;

    [Between("00:00:01", "30.00:00:00")]
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);
}
