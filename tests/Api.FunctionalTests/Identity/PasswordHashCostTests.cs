using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.Common.Security;

namespace Soundscape.Api.FunctionalTests.Identity;

/// <summary>
/// The PBKDF2 cost written into each hash: Identity's version-3 format is a 0x01 marker, the PRF, then the iteration
/// count as a big-endian 32-bit integer (bytes 5-8).
/// </summary>
public sealed class PasswordHashCostTests
{
    [Test]
    public async Task Hash_WithTheProductionRegistration_Uses100000Iterations()
    {
        await using var api = SoundscapeApiFactory.With(Testing.Database);
        Iterations(api.Services.GetRequiredService<IPasswordHasher>().Hash("correct horse battery")).ShouldBe(100_000);
    }

    [Test]
    public void Hash_InTheSharedTestApi_UsesTheLoweredCountAndStillVerifies()
    {
        var hasher = Testing.Factory.Services.GetRequiredService<IPasswordHasher>();
        var hash = hasher.Hash("correct horse battery");

        Iterations(hash).ShouldBe(1_000);
        hasher.Verify(hash, "correct horse battery").ShouldBe(PasswordCheck.Succeeded);
        hasher.Verify(hash, "wrong horse battery").ShouldBe(PasswordCheck.Failed);
    }

    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        bytes[0].ShouldBe((byte)0x01, "Identity's version-3 format");
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }
}
