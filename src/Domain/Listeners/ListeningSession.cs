using Soundscape.Domain.Common;

namespace Soundscape.Domain.Listeners;

public enum SessionStatus
{
    Active,
    Idle,
    Ended,
}

/// <summary>A listener checked in at a player. The database derives expires_at = last_active_at + 1 h.</summary>
public sealed class ListeningSession : Entity
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private ListeningSession()
    {
    }

    private ListeningSession(Guid id, Guid userId, Guid? playerId, DateTimeOffset now) : base(id, now)
    {
        UserId = userId;
        PlayerId = playerId;
        Status = SessionStatus.Active;
        CheckedInAt = now;
        LastActiveAt = now;
    }

    public Guid UserId { get; private set; }
    public Guid? PlayerId { get; private set; }
    public SessionStatus Status { get; private set; }
    public DateTimeOffset CheckedInAt { get; private set; }
    public DateTimeOffset LastActiveAt { get; private set; }

    /// <summary>Stored generated column; read only.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public static ListeningSession CheckIn(Guid userId, Guid playerId, DateTimeOffset now) => new(NewId(), userId, playerId, now);

    public bool IsOpenAt(DateTimeOffset now) => Status == SessionStatus.Active && LastActiveAt + Lifetime > now;

    public void MoveTo(Guid playerId, DateTimeOffset now)
    {
        PlayerId = playerId;
        Status = SessionStatus.Active;
        CheckedInAt = now;
        LastActiveAt = now;
    }

    public void Touch(DateTimeOffset now)
    {
        if (Status == SessionStatus.Ended)
            throw new DomainException("The session has ended.");
        Status = SessionStatus.Active;
        LastActiveAt = now;
    }

    public void End(DateTimeOffset now)
    {
        Status = SessionStatus.Ended;
        LastActiveAt = now;
    }
}
