namespace Soundscape.Application.Identity.Common;

/// <summary>Refresh tokens (configuration "Auth:RefreshTokens").</summary>
public sealed class RefreshTokenOptions
{
    public const string Section = "Auth:RefreshTokens";

    /// <summary>How long a refresh token lives after it was issued (each rotation issues a new one). Default 30 days.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Guest accounts (configuration "Auth:Guests").</summary>
public sealed class GuestAccountOptions
{
    public const string Section = "Auth:Guests";

    /// <summary>A guest with no sign-in, refresh, vote or session activity for this long is removed with its data. Default 30 days.</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Whether this instance runs the idle-guest sweep (tests turn it off). Default true.</summary>
    public bool SweepEnabled { get; set; } = true;

    /// <summary>How often the background job looks for idle guests. Default one hour.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
