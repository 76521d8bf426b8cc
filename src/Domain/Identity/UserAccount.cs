using Soundscape.Domain.Common;

namespace Soundscape.Domain.Identity;

/// <summary>A row of auth.users: the standalone identity store (Supabase keeps its own).</summary>
public sealed class UserAccount : Entity
{
    public const int MaxEmailLength = 254;

    private UserAccount(Guid id, string email, string passwordHash, DateTimeOffset createdAt) : base(id, createdAt)
    {
        Email = email;
        EmailKey = EmailIdentity.KeyOf(email);
        PasswordHash = passwordHash;
    }

    /// <summary>The address as the user wrote it (trimmed), for display and tokens.</summary>
    public string Email { get; private set; }

    /// <summary>The unique key the account is found by: <see cref="EmailIdentity.KeyOf"/> of <see cref="Email"/>.</summary>
    public string EmailKey { get; private set; }

    public string PasswordHash { get; private set; }
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
        var normalized = Guard.Required(email, "email", MaxEmailLength);
        if (!normalized.Contains('@', StringComparison.Ordinal))
            throw new DomainValidationException("email", "email must be an e-mail address.");
        var hash = Guard.Required(passwordHash, "passwordHash", 1024);
        return new UserAccount(NewId(), normalized, hash, now);
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
