using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Soundscape.EndToEnd.Tests;

/// <summary>
/// A player agent as a real process (the built dll through dotnet, or a packaged binary), with a state directory of
/// its own given the way systemd gives it (STATE_DIRECTORY), writing the room into a WAV file. Its output is kept for
/// the test to read and to show when the test fails.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _disposed;

    private AgentProcess(Process process, string stateDirectory)
    {
        _process = process;
        StateDirectory = stateDirectory;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string StateDirectory { get; }

    public string WavPath => Path.Combine(StateDirectory, "room.wav");

    public string KeyPath => Path.Combine(StateDirectory, "device-key");

    public string StatusPath => Path.Combine(StateDirectory, "status.json");

    public string Output => string.Join('\n', _output);

    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>The agent from its own build output (dotnet Soundscape.PlayerAgent.dll, see <see cref="AgentBuild"/>).</summary>
    public static AgentProcess StartBuilt(Uri server, string stateDirectory) =>
        Start("dotnet", [AgentBuild.Dll], server, stateDirectory, configFile: null);

    /// <summary>A packaged binary, reading its settings from <paramref name="configFile"/> as the unit's --config does.</summary>
    public static AgentProcess StartPackaged(string executable, Uri server, string stateDirectory, string configFile) =>
        Start(executable, [], server, stateDirectory, configFile);

    private static AgentProcess Start(string program, string[] arguments, Uri server, string stateDirectory, string? configFile)
    {
        Directory.CreateDirectory(stateDirectory);
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = stateDirectory,
        };
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["STATE_DIRECTORY"] = stateDirectory;
        startInfo.Environment["Agent__Output__Kind"] = "wav";
        startInfo.Environment["Agent__Output__FilePath"] = Path.Combine(stateDirectory, "room.wav");
        startInfo.Environment["Agent__RealTime"] = "false";
        startInfo.Environment["Agent__PollWaitSeconds"] = "2";
        startInfo.Environment["Agent__HeartbeatSeconds"] = "1";
        startInfo.Environment["Agent__CrossfadeSeconds"] = "0.5";
        if (configFile is null)
        {
            startInfo.Environment["Agent__ServerUrl"] = server.ToString();
        }
        else
        {
            File.WriteAllText(configFile, $$"""{ "Agent": { "ServerUrl": "{{server}}", "CacheMaxBytes": 104857600 } }""");
            startInfo.ArgumentList.Add("--config");
            startInfo.ArgumentList.Add(configFile);
        }
        return new AgentProcess(Process.Start(startInfo)!, stateDirectory);
    }

    /// <summary>The user code the agent logged (and wrote to its status file).</summary>
    public async Task<string> UserCodeAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within && !_process.HasExited)
        {
            if (_output.Select(line => UserCode().Match(line)).FirstOrDefault(m => m.Success) is { } match)
                return match.Groups[1].Value;
            await Task.Delay(50, cancellationToken);
        }
        Assert.Fail($"The agent showed no user code within {within.TotalSeconds} s:\n{Output}");
        return "";
    }

    /// <summary>
    /// Pairs the agent the way a person would: its code is entered by <paramref name="manager"/> for the player, and
    /// the agent's stored key then opens the device API. Returns the stored key.
    /// </summary>
    public async Task<string> PairAsync(HttpClient manager, Guid playerId, Uri server, CancellationToken cancellationToken)
    {
        var userCode = await UserCodeAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var status = Soundscape.PlayerAgent.Pairing.AgentStatusFile.Read(StatusPath);
        status.ShouldNotBeNull("the agent writes its status file before it logs the code");
        status.State.ShouldBe("pairing");
        status.UserCode.ShouldBe(userCode, "the status file shows the code the log shows");

        var approved = await manager.PostAsJsonAsync($"/api/players/{playerId}/pairing", new { userCode }, cancellationToken);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync(cancellationToken));

        var deadline = Stopwatch.StartNew();
        while (!File.Exists(KeyPath))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30) || _process.HasExited)
                Assert.Fail($"The agent stored no key:\n{Output}");
            await Task.Delay(50, cancellationToken);
        }
        File.GetUnixFileMode(KeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the key is readable by the agent's user only");
        var key = (await File.ReadAllTextAsync(KeyPath, cancellationToken)).Trim();
        using var device = new HttpClient { BaseAddress = server };
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", key);
        (await device.GetAsync("/api/device/queue", cancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return key;
    }

    /// <summary>The number of samples in the room WAV's data that are not silence (the header's 44 bytes skipped).</summary>
    public long AudibleSamplesWritten()
    {
        if (!File.Exists(WavPath))
            return 0;
        using var stream = new FileStream(WavPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length <= 44)
            return 0;
        stream.Position = 44;
        var buffer = new byte[64 * 1024];
        long audible = 0;
        int read;
        while ((read = stream.Read(buffer)) > 1)
            for (var i = 0; i + 1 < read; i += 2)
                if (Math.Abs(BitConverter.ToInt16(buffer, i)) > 16)
                    audible++;
        return audible;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
                await term.WaitForExitAsync();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        TestContext.Out.WriteLine(Output);
    }

    [GeneratedRegex(@"enter the code ([B-Z]{4}-[B-Z]{4})")]
    private static partial Regex UserCode();
}
