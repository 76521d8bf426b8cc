namespace Soundscape.Application.Listeners.Common;

/// <summary>An open check-in: where the caller is and until when it lasts without a heartbeat.</summary>
public sealed record SessionDto(Guid SessionId, Guid PlayerId, string PlayerName, DateTimeOffset CheckedInAt, DateTimeOffset ExpiresAt);
