using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Devices.Common;

namespace Soundscape.Api.FunctionalTests.Players;

/// <summary>The demo-player host command that scripts/run.sh uses to give its agent a player and a device key.</summary>
[NonParallelizable]
public sealed class DemoPlayerTests : ListenerApiTest
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("demo-player-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    [UnsupportedOSPlatform("windows")] // file modes
    public async Task DemoPlayer_OnAFreshDatabase_CreatesThePlayer_AndWritesAKeyOnlyItsOwnerCanRead_ThatOpensTheDeviceApi()
    {
        var keyFile = Path.Combine(_folder, "agent", "device-key");

        var (exitCode, output) = await HostCommand.RunAsync("demo-player", keyFile);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("created");
        File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var player = await AsOwnerAsync(db => db.Players.SingleAsync());
        player.CheckinCode.ShouldBe("DEMO");
        player.ManagerId.ShouldBeNull();
        (await DeviceQueueStatusAsync(await File.ReadAllTextAsync(keyFile))).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task DemoPlayer_RunAgainWithItsKeyFile_ChangesNothing()
    {
        var keyFile = Path.Combine(_folder, "device-key");
        (await HostCommand.RunAsync("demo-player", keyFile)).ExitCode.ShouldBe(0);
        var key = await File.ReadAllTextAsync(keyFile);
        var written = File.GetLastWriteTimeUtc(keyFile);

        var (exitCode, output) = await ShouldChangeNothingAsync(() => HostCommand.RunAsync("demo-player", keyFile));

        exitCode.ShouldBe(0, output);
        output.ShouldContain("in place");
        (await File.ReadAllTextAsync(keyFile)).ShouldBe(key);
        File.GetLastWriteTimeUtc(keyFile).ShouldBe(written);
        (await AsOwnerAsync(db => db.Players.CountAsync())).ShouldBe(1);
        (await DeviceQueueStatusAsync(key)).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task DemoPlayer_WithAStaleKeyFile_IssuesANewKey_AndTheOldOneStopsWorking()
    {
        var keyFile = Path.Combine(_folder, "device-key");
        (await HostCommand.RunAsync("demo-player", keyFile)).ExitCode.ShouldBe(0);
        var oldKey = await File.ReadAllTextAsync(keyFile);
        (await DeviceQueueStatusAsync(oldKey)).ShouldBe(HttpStatusCode.OK); // the API now remembers the old key
        var playerId = await AsOwnerAsync(db => db.Players.Select(p => p.Id).SingleAsync());
        await File.WriteAllTextAsync(keyFile, "not-the-key\n");

        var (exitCode, output) = await HostCommand.RunAsync("demo-player", keyFile);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("replaced");
        var newKey = await File.ReadAllTextAsync(keyFile);
        newKey.ShouldNotBe(oldKey);
        (await AsOwnerAsync(db => db.Players.Select(p => p.Id).SingleAsync())).ShouldBe(playerId, "the same player keeps its queue and history");
        (await DeviceQueueStatusAsync(newKey)).ShouldBe(HttpStatusCode.OK);
        // The rotation is announced to running instances, which forget the old key.
        await WaitUntilAsync(async () => await DeviceQueueStatusAsync(oldKey) == HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task DemoPlayer_WithoutAKeyFileOperand_PrintsItsUsage_AndChangesNothing()
    {
        var (exitCode, output) = await ShouldChangeNothingAsync(() => HostCommand.RunAsync("demo-player"));

        exitCode.ShouldBe(2);
        output.ShouldContain("usage: dotnet run --project src/Api -- demo-player <key-file>");
    }

    private async Task<HttpStatusCode> DeviceQueueStatusAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/device/queue");
        request.Headers.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, key.Trim());
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!await condition())
            await Task.Delay(50, deadline.Token);
    }
}
