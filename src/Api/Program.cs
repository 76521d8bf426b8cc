using Microsoft.Extensions.Options;
using Soundscape.Api;
using Soundscape.Api.Hosting;
using Soundscape.Application;
using Soundscape.Infrastructure;

var openApiFile = OpenApiCommand.TargetFile(args);
var builder = WebApplication.CreateBuilder(HostCommands.HostArguments(args));
if (openApiFile is not null)
    OpenApiCommand.ConfigureHost(builder);
WebApplication app;
try
{
    builder.Services.AddApplication(builder.Configuration);
    builder.Services.AddInfrastructure(builder.Configuration);
    builder.Services.AddApi(builder.Configuration);
    app = builder.Build();
    // Host commands never start the host, so ValidateOnStart alone would not check their settings.
    app.Services.GetService<IStartupValidator>()?.Validate();
}
catch (OptionsValidationException ex) when (HostCommands.IsCommand(args))
{
    // A host command answers with one line; the web host lets the exception (which names the setting) end the process.
    await Console.Error.WriteLineAsync($"Invalid configuration: {ex.Message}");
    return 1;
}
await app.MigrateDatabaseIfConfiguredAsync();
if (HostCommands.IsCommand(args))
    return await HostCommands.RunAsync(app, args);

app.UseApi();
app.MapApiEndpoints();
if (openApiFile is not null)
    return await OpenApiCommand.WriteAsync(app, openApiFile);
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
