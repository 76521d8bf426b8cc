using Soundscape.Domain.Common;

namespace Soundscape.Domain.Identity;

/// <summary>
/// A row of auth.users: the standalone identity store (Supabase keeps its own). A guest (Supabase's anonymous
/// sign-in) has no e-mail and no password until <see cref="AttachCredentials"/> makes it a full account.
/// </summary>
public sealed class UserAccount : Entity
{
    public const int MaxEmailLength = 254;

    private UserAccount(Guid id, string? email, string? passwordHash, bool isAnonymous, DateTimeOffset createdAt) : base(id, createdAt)
    {
        Email = email;
        PasswordHash = passwordHash;
        IsAnonymous = isAnonymous;
    }

    /// <summary>Null for a guest.</summary>
    public string? Email { get; private set; }

    /// <summary>Null for a guest.</summary>
    public string? PasswordHash { get; private set; }

    /// <summary>A guest account (the access token's is_anonymous claim).</summary>
    public bool IsAnonymous { get; private set; }
    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>Wrong passwords since the last successful sign-in or lock.</summary>
    public int FailedSignIns { get; private set; }

    /// <summary>While in the future, sign-in is refused even with the right password.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public static UserAccount Register(string email, string passwordHash, DateTimeOffset now)
    {
        var (normalized, hash) = ValidCredentials(email, passwordHash);
        return new UserAccount(NewId(), normalized, hash, isAnonymous: false, now);
    }

    /// <summary>A guest: no e-mail, no password; signed in from the start.</summary>
    public static UserAccount RegisterGuest(DateTimeOffset now)
    {
        var guest = new UserAccount(NewId(), null, null, isAnonymous: true, now);
        guest.RecordSignIn(now);
        return guest;
    }

    /// <summary>Turns a guest into a full account with the same id (so its profile, votes and taste stay).</summary>
    /// <exception cref="DomainException">The account is not a guest.</exception>
    public void AttachCredentials(string email, string passwordHash, DateTimeOffset now)
    {
        if (!IsAnonymous)
            throw new DomainException("This account already has an e-mail address and password.");
        (Email, PasswordHash) = ValidCredentials(email, passwordHash);
        IsAnonymous = false;
        RecordSignIn(now);
    }

    private static (string Email, string PasswordHash) ValidCredentials(string email, string passwordHash)
    {
        var normalized = Guard.Required(email, "email", MaxEmailLength);
        if (!normalized.Contains('@', StringComparison.Ordinal))
            throw new DomainValidationException("email", "email must be an e-mail address.");
        return (normalized, Guard.Required(passwordHash, "passwordHash", 1024));
    }

    /// <summary>Replaces the hash when the hasher's format moved on (the password itself is unchanged).</summary>
    public void ChangePasswordHash(string passwordHash) => PasswordHash = Guard.Required(passwordHash, "passwordHash", 1024);

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public void RecordSignIn(DateTimeOffset now)
    {
        LastSignInAt = now;
        FailedSignIns = 0;
        LockedUntil = null;
    }

    /// <summary>
    /// Counts a wrong password; the <paramref name="maxFailures"/>-th in a row locks the account for
    /// <paramref name="lockDuration"/> and starts the count again, so guessing stays slow after the lock too.
    /// </summary>
    public void RecordFailedSignIn(DateTimeOffset now, int maxFailures, TimeSpan lockDuration)
    {
        if (maxFailures < 1)
            throw new ArgumentOutOfRangeException(nameof(maxFailures), maxFailures, "At least one failure must be allowed.");
        FailedSignIns++;
        if (FailedSignIns < maxFailures)
            return;
        LockedUntil = now + lockDuration;
        FailedSignIns = 0;
    }
}
