using Microsoft.EntityFrameworkCore;

using static Soundscape.TestSupport.Eventually;

namespace Soundscape.EndToEnd.Tests;

/// <summary>
/// Issue 17: an agent with no device key pairs by code against the real API, stores its key (mode 600), plays the
/// room's queue, and after a restart uses the stored key without pairing again.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AgentPairingTests
{
    private string _folder = null!;

    [SetUp]
    public async Task StartCleanAsync()
    {
        await EndToEndSetup.Database.ResetAsync();
        _folder = Directory.CreateTempSubdirectory("e2e-pairing-").FullName;
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    [CancelAfter(180_000)]
    public async Task AgentWithoutAKey_PairsByCodeAfterTheManagerApproves_PlaysTheQueue_AndKeepsItsKeyAcrossARestart(CancellationToken cancellationToken)
    {
        await using var api = ApiHost.Start(EndToEndSetup.Database, Path.Combine(_folder, "store"));
        var room = await Room.ArrangeAsync(api, _folder, seconds: 3);
        await room.ListenerWhoLikesAsync("ana", "rain");
        var state = Path.Combine(_folder, "state");

        string key;
        await using (var agent = AgentProcess.StartBuilt(api.BaseAddress, state))
        {
            key = await agent.PairAsync(room.Manager, room.PlayerId, api.BaseAddress, cancellationToken);
            await WaitForAsync(async () => await EndedPlaysAsync(room) >= 1 ? "" : null, TimeSpan.FromSeconds(60), cancellationToken);
            agent.Output.ShouldContain("paired as player");
            await agent.DisposeAsync(); // the WAV sink holds its file exclusively while it runs
            agent.AudibleSamplesWritten().ShouldBeGreaterThan(48_000, "the room heard the play");
        }

        // A restart finds the stored key: no new pairing, and the same key.
        await using (var again = AgentProcess.StartBuilt(api.BaseAddress, state))
        {
            var before = await StartedPlaysAsync(room);
            await WaitForAsync(async () => await StartedPlaysAsync(room) > before ? "" : null, TimeSpan.FromSeconds(60), cancellationToken);
            again.Output.ShouldContain("Using the device key stored in");
            again.Output.ShouldNotContain("enter the code");
        }
        (await File.ReadAllTextAsync(Path.Combine(state, "device-key"), cancellationToken)).Trim().ShouldBe(key);
    }

    private static Task<int> EndedPlaysAsync(Room room) =>
        Room.AsOwnerAsync(db => db.PlayHistory.CountAsync(h => h.PlayerId == room.PlayerId && h.EndedAt != null));

    private static Task<int> StartedPlaysAsync(Room room) =>
        Room.AsOwnerAsync(db => db.PlayHistory.CountAsync(h => h.PlayerId == room.PlayerId));
}
