using Soundscape.Api;
using Soundscape.Api.Hosting;
using Soundscape.Application;
using Soundscape.Infrastructure;

var openApiFile = OpenApiCommand.TargetFile(args);
var builder = WebApplication.CreateBuilder(HostCommands.HostArguments(args));
if (openApiFile is not null)
    OpenApiCommand.ConfigureHost(builder);
builder.Services.AddApplication(builder.Configuration);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddApi(builder.Configuration);

var app = builder.Build();
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
