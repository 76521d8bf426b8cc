using Microsoft.Extensions.Options;
using Soundscape.PlayerAgent;
using Soundscape.PlayerAgent.Configuration;

var builder = Host.CreateApplicationBuilder(args);
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

await host.RunAsync();
return 0;
