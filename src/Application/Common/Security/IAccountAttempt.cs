namespace Soundscape.Application.Common.Security;

/// <summary>
/// A request made for one account, named by its e-mail (sign-up, token): per-account rate limits count these by
/// <see cref="AccountKey"/>, the same key the account is found by.
/// </summary>
public interface IAccountAttempt
{
    /// <summary>The account's lookup key (empty when no e-mail was sent).</summary>
    string AccountKey { get; }
}
