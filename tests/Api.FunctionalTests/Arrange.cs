using System.Security.Cryptography;
using System.Text;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;
using Soundscape.Domain.Vectors;

namespace Soundscape.Api.FunctionalTests;

/// <summary>Rows the tests arrange directly (as the owner): sounds and players have no write endpoints in this issue.</summary>
internal static class Arrange
{
    public static Sound Sound(string title, TasteVector? embedding, SoundType type = SoundType.Soundscape, DateTimeOffset? createdAt = null, string? artist = "Test") =>
        Domain.Library.Sound.Register(title, artist, type, $"sounds/{title}.wav",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(title))), 60, embedding, createdAt ?? DateTimeOffset.UtcNow);

    public static Player Player(string name, string code) => Domain.Players.Player.Create(name, code, "device-key-hash", null, DateTimeOffset.UtcNow);

    public static TasteVector Vector(params double[] values) => TasteVector.FromValues(values);
}
