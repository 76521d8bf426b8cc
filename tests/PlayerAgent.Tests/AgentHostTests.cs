using System.Diagnostics;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>The agent is a real process: it must start, announce itself, and stop cleanly on SIGTERM.</summary>
public sealed class AgentHostTests
{
    [Test]
    public async Task Agent_WhenStartedAndSentSigterm_LogsStartAndExitsWithCodeZero()
    {
        var agentDll = Path.Combine(TestContext.CurrentContext.TestDirectory, "Soundscape.PlayerAgent.dll");
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
    public async Task Agent_WhenAServerIsConfiguredWithoutADeviceKey_LogsWhichKeyIsMissingAndExitsNonZero()
    {
        var startInfo = new ProcessStartInfo("dotnet", [Path.Combine(TestContext.CurrentContext.TestDirectory, "Soundscape.PlayerAgent.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestContext.CurrentContext.TestDirectory,
            Environment = { ["Agent__ServerUrl"] = "http://127.0.0.1:1/" },
        };
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

        var output = await stdout + await stderr;
        agent.ExitCode.ShouldBe(1, output);
        output.ShouldContain("Agent:DeviceKey is required");
        output.ShouldNotContain("PlayerAgent started");
    }
}
