using System.Diagnostics;

namespace Soundscape.Api.FunctionalTests;

/// <summary>Runs the API's own executable with a host command (grant-role, demo-player, …) against this test run's database.</summary>
public static class HostCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var api = Path.Combine(AppContext.BaseDirectory, "Soundscape.Api.dll");
        var start = new ProcessStartInfo("dotnet", [api, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__Soundscape"] = Testing.Database.AppConnectionString;
        start.Environment["ConnectionStrings__SoundscapeMigrations"] = Testing.Database.OwnerConnectionString;
        start.Environment["ConnectionStrings__SoundscapeService"] = Testing.Database.ServiceConnectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
