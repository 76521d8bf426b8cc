namespace Soundscape.Application.Common.Security;

/// <summary>How many wrong passwords in a row lock an account, and for how long (configuration "Auth:Lockout").</summary>
public sealed class SignInLockoutOptions
{
    public int MaxFailures { get; init; } = 5;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);
}
