using System.Diagnostics;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>The agent is a real process: it must start, announce itself, and stop cleanly on SIGTERM.</summary>
public sealed class AgentHostTests
{
    [Test]
    public async Task Agent_WhenStartedAndSentSigterm_LogsStartAndExitsWithCodeZero()
    {
        var agentDll = AgentBuild.Dll;
        File.Exists(agentDll).ShouldBeTrue(agentDll);
        var startInfo = new ProcessStartInfo("dotnet", [agentDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestContext.CurrentContext.TestDirectory,
        };
        using var agent = Process.Start(startInfo)!;
        var started = new TaskCompletionSource();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        agent.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (e.Data.Contains("PlayerAgent started", StringComparison.Ordinal)) started.TrySetResult();
        };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();

        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using (var term = Process.Start("kill", ["-TERM", agent.Id.ToString()]))
                await term.WaitForExitAsync();
            await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!agent.HasExited) agent.Kill(entireProcessTree: true);
        }

        agent.ExitCode.ShouldBe(0, string.Join('\n', output));
        output.ShouldContain(line => line.Contains("PlayerAgent stopping", StringComparison.Ordinal));
    }

    [Test]
    public async Task Agent_WithTheVersionFlag_PrintsItsVersionAndExitsZero_WithoutStarting()
    {
        var (exitCode, output) = await RunUntilExit(["--version"]);

        exitCode.ShouldBe(0, output);
        output.Trim().ShouldBe($"soundscape-agent {AgentVersion.Current}");
        AgentVersion.Current.ShouldMatch(@"^\d+\.\d+\.\d+");
        output.ShouldNotContain("PlayerAgent started");
    }

    [Test]
    public async Task Agent_WithAServerButNoKey_StartsPairing_KeepsRetryingAnUnreachableServer_AndStopsCleanly()
    {
        var state = Directory.CreateTempSubdirectory("agent-host-").FullName;
        try
        {
            var startInfo = new ProcessStartInfo("dotnet", [AgentBuild.Dll])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = state,
            };
            startInfo.Environment["STATE_DIRECTORY"] = state;
            startInfo.Environment["Agent__ServerUrl"] = "http://127.0.0.1:1/";
            using var agent = Process.Start(startInfo)!;
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var retrying = new TaskCompletionSource();
            agent.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                output.Enqueue(e.Data);
                if (e.Data.Contains("Pairing: the server is unreachable", StringComparison.Ordinal)) retrying.TrySetResult();
            };
            agent.BeginOutputReadLine();
            agent.BeginErrorReadLine();
            try
            {
                await retrying.Task.WaitAsync(TimeSpan.FromSeconds(30));
                using (var term = Process.Start("kill", ["-TERM", agent.Id.ToString()]))
                    await term.WaitForExitAsync();
                await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                if (!agent.HasExited) agent.Kill(entireProcessTree: true);
            }

            agent.ExitCode.ShouldBe(0, string.Join('\n', output));
            output.ShouldContain(line => line.Contains("No device key configured or stored in " + Path.Combine(state, "device-key"), StringComparison.Ordinal));
            File.Exists(Path.Combine(state, "device-key")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [TestCase("Agent__CacheMaxBytes", "2GB", "Agent:CacheMaxBytes is '2GB'")]
    [TestCase("Agent__CrossfadeSeconds", "three", "Agent:CrossfadeSeconds is 'three'")]
    [TestCase("Agent__Output__Kind", "speaker", "Agent:Output:Kind is 'speaker'")]
    [TestCase("Agent__RealTime", "sometimes", "Agent:RealTime is 'sometimes'")]
    [TestCase("Agent__PollWaitSeconds", "-5", "Agent:PollWaitSeconds must be between 0 and 25")]
    public async Task Agent_WithAnUnparsableOrOutOfRangeSetting_ExitsNonZeroNamingTheSetting(string variable, string value, string message)
    {
        var (exitCode, output) = await RunUntilExit((variable, value));

        exitCode.ShouldBe(1, output);
        output.ShouldContain(message);
        output.ShouldNotContain("PlayerAgent started");
    }

    private static Task<(int ExitCode, string Output)> RunUntilExit(params (string Name, string Value)[] environment) => RunUntilExit([], environment);

    private static async Task<(int ExitCode, string Output)> RunUntilExit(string[] arguments, params (string Name, string Value)[] environment)
    {
        var startInfo = new ProcessStartInfo("dotnet", [AgentBuild.Dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestContext.CurrentContext.TestDirectory,
        };
        foreach (var (name, value) in environment)
            startInfo.Environment[name] = value;
        using var agent = Process.Start(startInfo)!;
        var stdout = agent.StandardOutput.ReadToEndAsync();
        var stderr = agent.StandardError.ReadToEndAsync();
        try
        {
            await agent.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!agent.HasExited) agent.Kill(entireProcessTree: true);
        }
        return (agent.ExitCode, await stdout + await stderr);
    }
}
