using MediatR;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.GrantRole;
using Soundscape.Application.Library.ImportSounds;
using Soundscape.Application.Listeners.ImportPreferences;
using Soundscape.Application.Library.ListSounds;
using Soundscape.Application.Library.ReanalyseLibrary;
using Soundscape.Application.Players.EnsureDemoPlayer;
using Soundscape.Infrastructure.Audio;

namespace Soundscape.Api.Hosting;

/// <summary>
/// One-shot commands run by the API's own executable instead of the web server, e.g.
/// <c>dotnet run --project src/Api -- grant-role ada@example.com admin</c>. They use the same services and database
/// as the server (and work while it runs), as explicitly named service work, and exit with 0 on success.
/// </summary>
internal static class HostCommands
{
    private static readonly Dictionary<string, (string Usage, Func<IServiceProvider, string[], TextWriter, CancellationToken, Task<int>> Run)> Commands = new()
    {
        ["grant-role"] = ("grant-role <email> <admin|manager>", WithMediator(GrantRoleAsync)),
        ["import"] = ("import <folder>", WithMediator(ImportAsync)),
        ["demo-library"] = ("demo-library", WithMediator(DemoLibraryAsync)),
        ["demo-player"] = ("demo-player <key-file>", WithMediator(DemoPlayerAsync)),
        ["import-preferences"] = ("import-preferences [<table, default preferences>] [<source connection string, default this database>]", ImportPreferencesAsync),
        ["reanalyse"] = ("reanalyse", WithMediator(ReanalyseAsync)),
    };

    private static Func<IServiceProvider, string[], TextWriter, CancellationToken, Task<int>> WithMediator(
        Func<IMediator, string[], TextWriter, CancellationToken, Task<int>> run) =>
        (services, operands, output, cancellationToken) => run(services.GetRequiredService<IMediator>(), operands, output, cancellationToken);

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    /// <summary>The arguments left for the host's configuration once a command and its operands are taken out.</summary>
    public static string[] HostArguments(string[] args) =>
        IsCommand(args) || OpenApiCommand.TargetFile(args) is not null ? args.SkipWhile(a => !a.StartsWith('-')).ToArray() : args;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var (usage, run) = Commands[args[0]];
        var operands = args.Skip(1).TakeWhile(a => !a.StartsWith('-')).ToArray();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
        try
        {
            return await run(scope.ServiceProvider, operands, Console.Out, CancellationToken.None);
        }
        catch (ArgumentException)
        {
            await Console.Error.WriteLineAsync($"usage: dotnet run --project src/Api -- {usage}");
            return 2;
        }
        catch (Exception ex) when (ex is RequestValidationException or NotFoundException or ConflictException)
        {
            var details = ex is RequestValidationException validation
                ? string.Join("; ", validation.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))
                : ex.Message;
            await Console.Error.WriteLineAsync($"{args[0]}: {details}");
            return 1;
        }
    }

    private static async Task<int> ImportAsync(IMediator mediator, string[] operands, TextWriter output, CancellationToken cancellationToken)
    {
        if (operands.Length != 1)
            throw new ArgumentException("import takes one folder.");
        var report = await mediator.Send(ImportSoundsCommand.FromFolder(Path.GetFullPath(operands[0])), cancellationToken);
        await WriteReportAsync(report, output);
        return 0;
    }

    /// <summary>Synthesizes the demo tracks and imports them; when they are all in the library already it only says so.</summary>
    private static async Task<int> DemoLibraryAsync(IMediator mediator, string[] operands, TextWriter output, CancellationToken cancellationToken)
    {
        if (operands.Length != 0)
            throw new ArgumentException("demo-library takes no operands.");
        var present = await mediator.Send(new ListSoundsQuery(PageSize: 1, Search: DemoLibraryFiles.Artist), cancellationToken);
        if (present.Total >= DemoLibraryFiles.Count)
        {
            await output.WriteLineAsync($"The demo library is in place ({present.Total} sounds).");
            return 0;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"soundscape-demo-{Guid.NewGuid():N}");
        try
        {
            var report = await mediator.Send(new ImportSoundsCommand(DemoLibraryFiles.Write(folder)), cancellationToken);
            await WriteReportAsync(report, output);
            return report.Unreadable.Count == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Makes sure the demo player exists and that <c>key-file</c> holds a device key that opens it, for the run
    /// command's agent. A second run with the same file changes nothing.
    /// </summary>
    private static async Task<int> DemoPlayerAsync(IMediator mediator, string[] operands, TextWriter output, CancellationToken cancellationToken)
    {
        if (operands.Length != 1)
            throw new ArgumentException("demo-player takes the path of the device key file.");
        var keyFile = Path.GetFullPath(operands[0]);
        var known = File.Exists(keyFile) ? (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim() : null;
        var player = await mediator.Send(new EnsureDemoPlayerCommand(known), cancellationToken);
        if (player.KeyIssued)
            await DeviceKeyFile.WriteAsync(keyFile, player.DeviceKey, cancellationToken);
        var state = player.Created ? "created" : player.KeyIssued ? "found; its device key was replaced" : "in place";
        await output.WriteLineAsync($"Demo player \"{player.Name}\" ({player.Id}, check-in code {player.CheckinCode}): {state}. Device key: {keyFile}");
        return 0;
    }

    /// <summary>Re-analyses the whole library; exits 1 when some sound could not be read (the others are kept).</summary>
    private static async Task<int> ReanalyseAsync(IMediator mediator, string[] operands, TextWriter output, CancellationToken cancellationToken)
    {
        if (operands.Length != 0)
            throw new ArgumentException("reanalyse takes no operands.");
        var report = await mediator.Send(new ReanalyseLibraryCommand(), cancellationToken);
        static string Axes(Application.Library.Common.TasteDto? e) =>
            e is null ? "none" : $"[{e.Rain:F2} {e.Wind:F2} {e.Fire:F2} {e.Thunder:F2} {e.Waves:F2}]";
        foreach (var move in report.Moves)
            await output.WriteLineAsync($"moved      {move.Title}: {Axes(move.Before)} -> {Axes(move.After)} by {move.Distance:F3}{(move.Overridden ? " (override kept)" : "")}");
        foreach (var failure in report.Failed)
            await output.WriteLineAsync($"unreadable {failure.Title} ({failure.SoundId}): {failure.Reason}");
        await output.WriteLineAsync(
            $"{report.Analysed} of {report.Sounds} sounds analysed; {report.Moved} embeddings moved (mean {report.MeanDistance:F3}, max {report.MaxDistance:F3}), "
            + $"{report.OverridesKept} overrides kept, {report.Failed.Count} could not be read.");
        return report.Failed.Count == 0 ? 0 : 1;
    }

    private static async Task WriteReportAsync(ImportReport report, TextWriter output)
    {
        foreach (var added in report.Added)
        {
            var axes = added.Embedding is { } e ? $"rain {e.Rain:F2} wind {e.Wind:F2} fire {e.Fire:F2} thunder {e.Thunder:F2} waves {e.Waves:F2}" : "no embedding";
            await output.WriteLineAsync($"added      {added.Title} ({added.DurationSeconds:F1} s; {axes})  {Path.GetFileName(added.File)}");
        }
        foreach (var skipped in report.Skipped)
            await output.WriteLineAsync($"skipped    {Path.GetFileName(skipped.File)}: already in the library as {skipped.ExistingSoundId}");
        foreach (var unreadable in report.Unreadable)
            await output.WriteLineAsync($"unreadable {Path.GetFileName(unreadable.File)}: {unreadable.Reason}");
        await output.WriteLineAsync($"{report.Added.Count} added, {report.Skipped.Count} skipped, {report.Unreadable.Count} could not be read.");
    }

    /// <summary>
    /// V1 → V3, step 1: every row of a V1 preferences table becomes its profile's taste, normalised (docs/deploy.md).
    /// Exits 0 also when rows were skipped: each is listed with its reason.
    /// </summary>
    private static async Task<int> ImportPreferencesAsync(IServiceProvider services, string[] operands, TextWriter output, CancellationToken cancellationToken)
    {
        var mediator = services.GetRequiredService<IMediator>();
        if (operands.Length > 2)
            throw new ArgumentException("import-preferences takes a table and a connection string, both optional.");
        var table = operands.Length > 0 ? operands[0] : "preferences";
        // The default source is this database, read as the service role (a V1 table has no row-level security of ours).
        var source = operands.Length > 1 ? operands[1] : services.GetRequiredService<Soundscape.Infrastructure.Persistence.DatabaseOptions>().ServiceConnectionString;
        IReadOnlyList<LegacyPreference> rows;
        try
        {
            rows = await Soundscape.Infrastructure.Persistence.LegacyPreferencesReader.ReadAsync(source, table, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"import-preferences: {ex.Message}");
            return 1;
        }
        var report = await mediator.Send(new ImportPreferencesCommand(rows), cancellationToken);
        foreach (var skipped in report.Skipped)
            await output.WriteLineAsync($"skipped    {skipped.UserId}: {skipped.Reason}");
        await output.WriteLineAsync($"{rows.Count} rows: {report.Imported} imported, {report.Unchanged} already in place, {report.Skipped.Count} skipped.");
        return 0;
    }

    private static async Task<int> GrantRoleAsync(IMediator mediator, string[] operands, TextWriter output, CancellationToken cancellationToken)
    {
        if (operands.Length != 2)
            throw new ArgumentException("grant-role takes an e-mail and a role.");
        var assignment = await mediator.Send(new GrantRoleCommand(operands[0], operands[1]), cancellationToken);
        await output.WriteLineAsync($"{assignment.Email} ({assignment.DisplayName}) has the {assignment.Role} role.");
        return 0;
    }
}
