using Soundscape.Application.Common.Exceptions;

namespace Soundscape.Application.Common.Security;

/// <summary>Who is calling. The database sees the same id through auth.uid(), so row-level security agrees with the handlers.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>The caller's id, or a 401 when the request carries no valid identity.</summary>
    public static Guid RequireId(this ICurrentUser user) => user.Id ?? throw new UnauthorizedException("Sign in to do this.");
}

/// <summary>
/// The per-request caller. The API authenticates it from the bearer token; sign-up authenticates the new
/// account so the rows it creates pass the "own rows only" policies.
/// </summary>
public sealed class CurrentUser : ICurrentUser
{
    public Guid? Id { get; private set; }

    public void Authenticate(Guid userId)
    {
        if (userId == Guid.Empty)
            throw new ArgumentException("A user id is never empty.", nameof(userId));
        Id = userId;
    }
}
