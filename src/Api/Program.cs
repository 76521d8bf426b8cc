using Soundscape.Api;
using Soundscape.Application;
using Soundscape.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApplication(builder.Configuration);
builder.Services.AddInfrastructure(builder.Configuration);
builder.Services.AddApi(builder.Configuration);

var app = builder.Build();
await app.MigrateDatabaseIfConfiguredAsync();
app.UseApi();
app.MapApiEndpoints();
app.Run();

/// <summary>Visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
