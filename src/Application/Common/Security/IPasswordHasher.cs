namespace Soundscape.Application.Common.Security;

public enum PasswordCheck
{
    Failed,
    Succeeded,
    SucceededButRehashNeeded,
}

/// <summary>Password hashing lives in Infrastructure (ASP.NET Core Identity's hasher); no hand-made crypto here.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    PasswordCheck Verify(string hash, string password);
}
