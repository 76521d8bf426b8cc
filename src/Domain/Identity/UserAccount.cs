using Soundscape.Domain.Common;

namespace Soundscape.Domain.Identity;

/// <summary>A row of auth.users: the standalone identity store (Supabase keeps its own).</summary>
public sealed class UserAccount : Entity
{
    public const int MaxEmailLength = 254;

    private UserAccount(Guid id, string email, string passwordHash, DateTimeOffset createdAt) : base(id, createdAt)
    {
        Email = email;
        PasswordHash = passwordHash;
    }

    public string Email { get; private set; }
    public string PasswordHash { get; private set; }
    public DateTimeOffset? LastSignInAt { get; private set; }

    public static UserAccount Register(string email, string passwordHash, DateTimeOffset now)
    {
        var normalized = Guard.Required(email, "email", MaxEmailLength);
        if (!normalized.Contains('@', StringComparison.Ordinal))
            throw new DomainValidationException("email", "email must be an e-mail address.");
        var hash = Guard.Required(passwordHash, "passwordHash", 1024);
        return new UserAccount(NewId(), normalized, hash, now);
    }

    public void RecordSignIn(DateTimeOffset now) => LastSignInAt = now;
}
