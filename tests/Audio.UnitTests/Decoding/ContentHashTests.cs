using Soundscape.Audio.Decoding;
using Soundscape.Audio.UnitTests.Support;

namespace Soundscape.Audio.UnitTests.Decoding;

public sealed class ContentHashTests
{
    [Test]
    public async Task Sha256Hex_OfAKnownText_IsTheStandardDigestInLowerCase()
    {
        using var temp = new TempDirectory();
        string path = temp.File("abc.txt");
        await File.WriteAllTextAsync(path, "abc");

        string hash = await ContentHash.Sha256HexAsync(path);

        hash.ShouldBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Test]
    public async Task Sha256Hex_OfAStreamLargerThanABuffer_MatchesTheOneShotHash()
    {
        byte[] data = new byte[300_000];
        new Random(7).NextBytes(data);

        string streamed = await ContentHash.Sha256HexAsync(new ForwardOnlyStream(new MemoryStream(data)));

        streamed.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)));
    }
}
