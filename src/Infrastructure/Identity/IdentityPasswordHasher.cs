using Microsoft.AspNetCore.Identity;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Identity;

namespace Soundscape.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's hasher (PBKDF2 with a per-password salt, versioned format) behind the application's port.</summary>
internal sealed class IdentityPasswordHasher : Application.Common.Security.IPasswordHasher
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    // The hasher's format does not depend on the user object; none is needed.
    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(null!, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Succeeded,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SucceededButRehashNeeded,
        _ => PasswordCheck.Failed,
    };
}
