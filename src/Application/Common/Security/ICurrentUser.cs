using Soundscape.Application.Common.Exceptions;

namespace Soundscape.Application.Common.Security;

/// <summary>Who is calling. The database sees the same id through auth.uid(), so row-level security agrees with the handlers.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }

    /// <summary>
    /// True in a scope that does background or host work (the tick, an import, a host command) rather than serve a
    /// user: its database work runs as the explicitly named service role, which bypasses row-level security.
    /// </summary>
    bool IsService { get; }
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

    public bool IsService { get; private set; }

    /// <summary>Marks this scope as service work. Call it before the scope resolves anything that touches the database.</summary>
    public void ActAsService()
    {
        if (Id is not null)
            throw new InvalidOperationException("A scope that serves a user cannot become service work.");
        IsService = true;
    }

    public void Authenticate(Guid userId)
    {
        if (IsService)
            throw new InvalidOperationException("Service work acts for nobody in particular.");
        if (userId == Guid.Empty)
            throw new ArgumentException("A user id is never empty.", nameof(userId));
        Id = userId;
    }
}
