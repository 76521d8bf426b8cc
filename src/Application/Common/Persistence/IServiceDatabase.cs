namespace Soundscape.Application.Common.Persistence;

/// <summary>
/// Contexts over the service role for the one step of a request that must read what the API's own role may not:
/// checking a password at sign-in reads the stored hash (docs/security.md, "The database as the second line of
/// defence"). Whatever such a step reads, it returns only what the request needs.
/// </summary>
public interface IServiceDatabase
{
    /// <summary>A new context over the service role (row-level security does not apply); the caller disposes it.</summary>
    IServiceDbContext CreateContext();
}

/// <summary>A context over the service role, disposed by whoever created it.</summary>
public interface IServiceDbContext : IApplicationDbContext, IAsyncDisposable
{
}
