using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

using static Soundscape.TestSupport.Eventually;

namespace Soundscape.EndToEnd.Tests;

/// <summary>
/// The Debian packages (issue 17) as a device gets them: scripts/package-agent.sh builds them (cached by a hash of the
/// agent's sources, so only the first run after a change publishes), each is unpacked with dpkg-deb -x into a
/// temporary root, and what is inside is run: the amd64 binary pairs with a real API and plays a room into a WAV;
/// the arm64 binary prints its version under qemu-user; the unit passes systemd-analyze verify.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackagedAgentTests
{
    private static readonly string Repository = FindRepository();
    private string _folder = null!;
    private string _amd64 = null!;
    private string _arm64 = null!;

    [OneTimeSetUp]
    public async Task BuildAndUnpackThePackagesAsync()
    {
        var (exit, output) = await RunAsync("bash", [Path.Combine(Repository, "scripts", "package-agent.sh")], TimeSpan.FromMinutes(30));
        exit.ShouldBe(0, output);
        var debs = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('/') && l.EndsWith(".deb", StringComparison.Ordinal)).ToList();
        _folder = Directory.CreateTempSubdirectory("e2e-deb-").FullName;
        _amd64 = await UnpackAsync(debs.Single(d => d.EndsWith("_amd64.deb", StringComparison.Ordinal)), "amd64");
        _arm64 = await UnpackAsync(debs.Single(d => d.EndsWith("_arm64.deb", StringComparison.Ordinal)), "arm64");
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        if (_folder is not null)
            Directory.Delete(_folder, recursive: true);
    }

    [SetUp]
    public Task ResetAsync() => EndToEndSetup.Database.ResetAsync();

    [Test]
    [CancelAfter(180_000)]
    public async Task Amd64Package_ItsBinaryPairsByCode_AndPlaysTheRoomsQueueIntoAWav(CancellationToken cancellationToken)
    {
        var binary = Path.Combine(_amd64, "usr", "lib", "soundscape-agent", "Soundscape.PlayerAgent");
        File.ResolveLinkTarget(Path.Combine(_amd64, "usr", "bin", "soundscape-agent"), returnFinalTarget: false)!.FullName.ShouldBe(binary);
        File.Exists(Path.Combine(_amd64, "etc", "soundscape", "agent.json")).ShouldBeTrue();
        await using var api = ApiHost.Start(EndToEndSetup.Database, Path.Combine(_folder, "store"));
        var room = await Room.ArrangeAsync(api, _folder, seconds: 3);
        await room.ListenerWhoLikesAsync("ana", "wind");

        await using var agent = AgentProcess.StartPackaged(binary, api.BaseAddress, Path.Combine(_folder, "state"), Path.Combine(_folder, "agent.json"));
        await agent.PairAsync(room.Manager, room.PlayerId, api.BaseAddress, cancellationToken);
        await WaitForAsync(async () =>
            await Room.AsOwnerAsync(db => db.PlayHistory.CountAsync(h => h.PlayerId == room.PlayerId && h.EndedAt != null)) >= 1 ? "" : null,
            TimeSpan.FromSeconds(60), cancellationToken);
        agent.HasExited.ShouldBeFalse(agent.Output);
        await agent.DisposeAsync(); // the WAV sink holds its file exclusively while it runs
        agent.AudibleSamplesWritten().ShouldBeGreaterThan(2 * 48_000, "the room heard the play");
    }

    [Test]
    public async Task Arm64Package_ItsBinaryPrintsItsVersion_UnderQemuUser()
    {
        var binary = Path.Combine(_arm64, "usr", "lib", "soundscape-agent", "Soundscape.PlayerAgent");
        (await RunAsync("file", ["-b", binary], TimeSpan.FromSeconds(30))).Output.ShouldContain("ARM aarch64");

        // -L: the arm64 C library and C++ runtime of Debian's *-arm64-cross packages.
        var (exit, output) = await RunAsync("qemu-aarch64-static", ["-L", "/usr/aarch64-linux-gnu", binary, "--version"], TimeSpan.FromMinutes(3));

        exit.ShouldBe(0, output);
        output.Trim().ShouldBe($"soundscape-agent {Soundscape.PlayerAgent.AgentVersion.Current}");
    }

    [Test]
    public async Task UnitFile_PassesSystemdAnalyzeVerify_AndSandboxesTheService()
    {
        var unit = Path.Combine(_amd64, "usr", "lib", "systemd", "system", "soundscape-agent.service");
        var text = await File.ReadAllTextAsync(unit);

        // --root: the unpacked package, so ExecStart's /usr/bin/soundscape-agent is the packaged link; the targets the
        // unit is ordered against come from this machine's systemd. --man=no: man-db need not be installed to test.
        foreach (var target in Directory.GetFiles("/lib/systemd/system", "*.target"))
            File.Copy(target, Path.Combine(Path.GetDirectoryName(unit)!, Path.GetFileName(target)), overwrite: true);
        var (exit, output) = await RunAsync("systemd-analyze", ["verify", "--man=no", $"--root={_amd64}", "soundscape-agent.service"], TimeSpan.FromMinutes(1));

        exit.ShouldBe(0, output);
        output.ShouldNotContain("soundscape-agent.service:", customMessage: output);
        foreach (var setting in new[]
                 {
                     "Restart=on-failure", "StateDirectory=soundscape-agent", "ProtectSystem=strict", "ProtectHome=true", "PrivateTmp=true",
                     "NoNewPrivileges=true", "DeviceAllow=char-alsa rw", "SupplementaryGroups=audio", "User=soundscape-agent",
                     // The agent sends READY=1 (Microsoft.Extensions.Hosting.Systemd) and logs to the journal.
                     "Type=notify", "StandardOutput=journal",
                 })
            text.ShouldContain(setting);
    }

    private async Task<string> UnpackAsync(string deb, string arch)
    {
        var root = Path.Combine(_folder, arch);
        var (exit, output) = await RunAsync("dpkg-deb", ["-x", deb, root], TimeSpan.FromMinutes(2));
        exit.ShouldBe(0, output);
        return root;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments, TimeSpan within)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(within);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Soundscape.sln")))
                return folder.FullName;
        throw new InvalidOperationException("The repository (Soundscape.sln) is not above the test folder.");
    }
}
