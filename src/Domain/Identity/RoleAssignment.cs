using Soundscape.Domain.Common;

namespace Soundscape.Domain.Identity;

public enum Role
{
    Admin,
    Manager,
}

/// <summary>RBAC from the visual map: a user holds each role at most once.</summary>
public sealed class RoleAssignment : Entity
{
    private RoleAssignment(Guid id, Guid userId, Role role, DateTimeOffset createdAt) : base(id, createdAt)
    {
        UserId = userId;
        Role = role;
    }

    public Guid UserId { get; private set; }
    public Role Role { get; private set; }

    public static RoleAssignment Grant(Guid userId, Role role, DateTimeOffset now)
    {
        if (!Enum.IsDefined(role))
            throw new DomainValidationException("role", "role must be admin or manager.");
        return new RoleAssignment(NewId(), userId, role, now);
    }
}
