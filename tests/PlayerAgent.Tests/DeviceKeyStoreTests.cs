using Soundscape.PlayerAgent.Configuration;
using Soundscape.PlayerAgent.Pairing;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>The key received by pairing, at rest: owner-only, replaced whole, and found again after a restart.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeviceKeyStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("key-store-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Save_WritesTheKeyReadableByItsOwnerOnly_InAFolderItCreates_AndLoadReadsItBack()
    {
        var store = new DeviceKeyStore(Path.Combine(_folder, "state", "device-key"));

        store.Save("first-key");

        File.GetUnixFileMode(store.FilePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new DeviceKeyStore(store.FilePath).Load().ShouldBe("first-key");
    }

    [Test]
    public void Save_AgainReplacesTheKeyWhole_AndLeavesNoTemporaryFile()
    {
        var store = new DeviceKeyStore(Path.Combine(_folder, "device-key"));
        store.Save("a-much-longer-first-key-than-the-second");

        store.Save("second");

        store.Load().ShouldBe("second");
        Directory.GetFiles(_folder).Select(Path.GetFileName).ShouldBe(["device-key"]);
        File.GetUnixFileMode(store.FilePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" \n")]
    public void Load_WithoutAFileOrWithAnEmptyOne_IsNull(string? content)
    {
        var path = Path.Combine(_folder, "device-key");
        if (content is not null)
            File.WriteAllText(path, content);

        new DeviceKeyStore(path).Load().ShouldBeNull();
    }

    [Test]
    public void DataFolder_UnderSystemd_IsTheStateDirectory()
    {
        AgentDataFolder.Resolve("/var/lib/soundscape-agent").ShouldBe("/var/lib/soundscape-agent");
        AgentDataFolder.Resolve("/var/lib/a:/var/lib/b").ShouldBe("/var/lib/a");
        AgentDataFolder.Resolve(null).ShouldEndWith("soundscape-agent");
    }
}
