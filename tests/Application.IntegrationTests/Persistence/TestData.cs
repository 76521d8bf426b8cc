using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.IntegrationTests.Persistence;

internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static Sound Sound(string title, TasteVector? embedding, string? hashSeed = null) =>
        Domain.Library.Sound.Register(title, "Test", SoundType.Soundscape, $"sounds/{title}.wav",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hashSeed ?? title))),
            60, embedding, Now);

    public static (UserAccount User, Profile Profile) Listener(string name)
    {
        var user = UserAccount.Register($"{name}@example.test", "hash", Now);
        return (user, Profile.Create(user.Id, name, Now));
    }
}
