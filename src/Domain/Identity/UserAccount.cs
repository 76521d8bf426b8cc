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
        EmailKey = email is null ? null : EmailIdentity.KeyOf(email);
        PasswordHash = passwordHash;
        IsAnonymous = isAnonymous;
    }

    /// <summary>The address as the user wrote it (trimmed), for display and tokens. Null for a guest.</summary>
    public string? Email { get; private set; }

    /// <summary>The unique key the account is found by: <see cref="EmailIdentity.KeyOf"/> of <see cref="Email"/>. Null for a guest.</summary>
    public string? EmailKey { get; private set; }

    /// <summary>Null for a guest.</summary>
    public string? PasswordHash { get; private set; }

    /// <summary>A guest account (the access token's is_anonymous claim).</summary>
    public bool IsAnonymous { get; private set; }
    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>
    /// Password checks since the last successful sign-in or lock (each is counted before it is checked, atomically in
    /// the database: IApplicationDbContext.ReserveSignInAttemptAsync).
    /// </summary>
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
        EmailKey = EmailIdentity.KeyOf(Email);
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

    public void RecordSignIn(DateTimeOffset now)
    {
        LastSignInAt = now;
        FailedSignIns = 0;
        LockedUntil = null;
    }
}
