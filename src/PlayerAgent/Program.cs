using Microsoft.Extensions.Options;
using Soundscape.PlayerAgent;
using Soundscape.PlayerAgent.Configuration;

if (args.Contains("--version"))
{
    Console.WriteLine($"soundscape-agent {AgentVersion.Current}");
    return 0;
}

var builder = Host.CreateApplicationBuilder(args);
// --config /etc/soundscape/agent.json (the package's unit passes it): the device's settings file. The environment and
// the command line are added again after it, so they still override the file, as they override appsettings.json.
if (builder.Configuration["config"] is { Length: > 0 } configFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
    builder.Configuration.AddEnvironmentVariables();
    builder.Configuration.AddCommandLine(args);
}
// Under systemd (Microsoft.Extensions.Hosting.Systemd; it does nothing elsewhere): log lines in the journal's format,
// one per entry with its syslog priority and no timestamps of our own (journald stamps each line), and READY=1 sent
// to systemd once the host has started, so the unit's Type=notify start counts only when the agent is running.
builder.Services.AddSystemd();
builder.Services.AddAgentOptions(builder.Configuration);
builder.Services.AddHostedService<AgentWorker>();
using var host = builder.Build();

// Checked before the host starts, so a bad setting gives one clear line instead of a start-up stack trace.
try
{
    _ = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
}
catch (OptionsValidationException invalid)
{
    // A device is usually run by systemd: a non-zero exit with the offending keys in the journal is the useful signal.
    host.Services.GetRequiredService<ILogger<AgentWorker>>()
        .LogCritical("PlayerAgent configuration is invalid: {Errors}", string.Join(" ", invalid.Failures));
    return 1;
}
catch (InvalidDataException unreadable)
{
    host.Services.GetRequiredService<ILogger<AgentWorker>>().LogCritical("PlayerAgent configuration file is unreadable: {Reason}", unreadable.Message);
    return 1;
}

await host.RunAsync();
return Environment.ExitCode;
