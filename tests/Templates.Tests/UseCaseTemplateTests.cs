using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Soundscape.Templates.Tests;

/// <summary>
/// templates/usecase (docs/extending.md) instantiated the way a developer would, into a scratch copy of the Domain and
/// Application projects, then built there with the repository's own build settings (warnings are errors) and its
/// generated integration test run against the real PostgreSQL. The copy keeps the real repository untouched; the
/// layers the template does not change (Infrastructure, migrations, the test database plumbing) are referenced as
/// this project's already built assemblies, so only the copied projects compile and the test stays under a minute.
/// </summary>
[NonParallelizable]
public sealed partial class UseCaseTemplateTests
{
    private const string UseCase = "ScratchSummary";
    private const string Module = "Scratch";

    private string _scratch = null!;

    [SetUp]
    public void MakeScratch() => _scratch = Directory.CreateTempSubdirectory("soundscape-usecase-").FullName;

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public async Task UseCaseTemplate_InstantiatedIntoAScratchModule_BuildsWithoutWarnings_AndItsGeneratedTestPasses()
    {
        var repository = RepositoryRoot();
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
            File.Copy(Path.Combine(repository, file), Path.Combine(_scratch, file));
        CopySources(Path.Combine(repository, "src", "Domain"), Path.Combine(_scratch, "src", "Domain"));
        CopySources(Path.Combine(repository, "src", "Application"), Path.Combine(_scratch, "src", "Application"));
        // The Application layer's contracts (the device protocol, options binding) are their own assembly.
        CopySources(Path.Combine(repository, "src", "Application.Contracts"), Path.Combine(_scratch, "src", "Application.Contracts"));

        // A hive of its own, so the test neither needs nor changes the developer's installed templates.
        var hive = Path.Combine(_scratch, ".template-hive");
        await RunAsync("dotnet", ["new", "install", Path.Combine(repository, "templates", "usecase"), "--debug:custom-hive", hive]);
        // Access rules on the request types (ADR 0200) were built at the same time as the template: where this tree has
        // them, the template's default ([SignedIn] on the request) is tested; where it does not, its placeholder.
        var hasAccessRules = File.Exists(Path.Combine(repository, "src", "Application", "Common", "Security", "AccessRules.cs"));
        await RunAsync("dotnet", ["new", "soundscape-usecase", "-n", UseCase, "--module", Module, "--group", "/api/scratch",
            "--accessRule", hasAccessRules ? "true" : "false", "--debug:custom-hive", hive]);

        var generated = new[]
        {
            $"src/Application/{Module}/{UseCase}/{UseCase}.cs",
            $"src/Api/Endpoints/{UseCase}Endpoint.cs",
            $"tests/Application.IntegrationTests/{Module}/{UseCase}Tests.cs",
            $"tests/Api.FunctionalTests/{Module}/{UseCase}EndpointTests.cs",
        };
        foreach (var path in generated)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(_scratch, path));
            text.ShouldNotContain("UseCaseName", customMessage: $"{path} still has the template's placeholder name");
            text.ShouldNotContain("ModuleName", customMessage: $"{path} still has the template's placeholder module");
        }
        (await File.ReadAllTextAsync(Path.Combine(_scratch, generated[1]))).ShouldContain("app.MapGroup(\"/api/scratch\")");
        var request = await File.ReadAllTextAsync(Path.Combine(_scratch, generated[0]));
        request.Contains("\n[SignedIn]\n", StringComparison.Ordinal).ShouldBe(hasAccessRules);
        request.Contains("AUTHORIZATION PLACEHOLDER", StringComparison.Ordinal).ShouldBe(!hasAccessRules);

        // One build compiles the copied Domain and Application with the generated use case, the generated endpoint
        // (the real host is not copied: it maps endpoints in MapApiEndpoints, which a template cannot edit) and the
        // generated integration test; then that test runs.
        var testProject = WriteScratchTestProject(repository);
        var output = await RunAsync("dotnet", ["test", testProject, "-c", "Release", "-nologo",
            "--filter", $"FullyQualifiedName~{Module}.{UseCase}Tests"]);

        // Every generated test ran and passed: four outcomes (found, not found, invalid, anonymous).
        PassedSummary().IsMatch(output).ShouldBeTrue($"expected 4 passed and none failed:\n{output}");
    }

    [GeneratedRegex(@"Failed:\s+0,\s+Passed:\s+4,")]
    private static partial Regex PassedSummary();

    /// <summary>
    /// The scratch module's test project, where the generated integration test landed. It has the real test
    /// project's assembly name (Application lets that name see its internals) and the real <c>Testing</c> fixture,
    /// pointed at a database of its own so it never meets the real integration tests' data. It also compiles the
    /// generated endpoint, with the usings the web SDK would give it.
    /// </summary>
    private string WriteScratchTestProject(string repository)
    {
        var folder = Path.Combine(_scratch, "tests", "Application.IntegrationTests");
        var fixture = File.ReadAllText(Path.Combine(repository, "tests", "Application.IntegrationTests", "Testing.cs"));
        var ownDatabase = fixture.Replace("\"soundscape_test_application\"", "\"soundscape_test_templates\"");
        ownDatabase.ShouldNotBe(fixture, "the fixture's database name moved: point the scratch copy at its own database again");
        File.WriteAllText(Path.Combine(folder, "Testing.cs"), ownDatabase);

        // What the referenced assemblies need from NuGet, read from their projects so the list cannot go stale.
        var packages = new SortedSet<string>(StringComparer.Ordinal);
        var frameworks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var referenced in new[] { "src/Infrastructure/Soundscape.Infrastructure.csproj", "src/Audio/Soundscape.Audio.csproj",
                     "migrations/Soundscape.Migrations.csproj", "tests/TestSupport/Soundscape.TestSupport.csproj" })
        {
            var text = File.ReadAllText(Path.Combine(repository, referenced));
            foreach (Match m in PackageReference().Matches(text))
            {
                if (!m.Value.Contains("PrivateAssets=\"all\"", StringComparison.Ordinal))
                    packages.Add(m.Groups["name"].Value);
            }
            foreach (Match m in FrameworkReference().Matches(text))
                frameworks.Add(m.Groups["name"].Value);
        }
        packages.UnionWith(["Microsoft.NET.Test.Sdk", "NUnit3TestAdapter", "Shouldly"]);
        frameworks.Add("Microsoft.AspNetCore.App"); // the generated endpoint

        var built = AppContext.BaseDirectory;
        var project = new StringBuilder()
            .AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">")
            .AppendLine("  <PropertyGroup>")
            .AppendLine("    <AssemblyName>Soundscape.Application.IntegrationTests</AssemblyName>")
            .AppendLine("    <RootNamespace>Soundscape.Application.IntegrationTests</RootNamespace>")
            .AppendLine("    <IsTestProject>true</IsTestProject>")
            .AppendLine("  </PropertyGroup>")
            .AppendLine("  <ItemGroup>")
            .AppendLine("    <ProjectReference Include=\"../../src/Application/Soundscape.Application.csproj\" />");
        foreach (var package in packages)
            project.AppendLine($"    <PackageReference Include=\"{package}\" />");
        foreach (var framework in frameworks)
            project.AppendLine($"    <FrameworkReference Include=\"{framework}\" />");
        foreach (var assembly in new[] { "Soundscape.Infrastructure", "Soundscape.Audio", "Soundscape.Migrations", "Soundscape.TestSupport" })
            project.AppendLine($"    <Reference Include=\"{assembly}\" HintPath=\"{Path.Combine(built, assembly + ".dll")}\" />");
        project
            .AppendLine("    <Compile Include=\"../../src/Api/Endpoints/*.cs\" />")
            .AppendLine("    <Using Include=\"Microsoft.AspNetCore.Builder\" />")
            .AppendLine("    <Using Include=\"Microsoft.AspNetCore.Http\" />")
            .AppendLine("    <Using Include=\"Microsoft.AspNetCore.Routing\" />")
            .AppendLine("    <Using Include=\"NUnit.Framework\" />")
            .AppendLine("    <Using Include=\"Shouldly\" />")
            .AppendLine("  </ItemGroup>")
            .AppendLine("</Project>");
        var path = Path.Combine(folder, "Soundscape.Application.IntegrationTests.csproj");
        File.WriteAllText(path, project.ToString());
        return path;
    }

    [GeneratedRegex("""<PackageReference Include="(?<name>[^"]+)"[^>]*>""")]
    private static partial Regex PackageReference();

    [GeneratedRegex("""<FrameworkReference Include="(?<name>[^"]+)"[^>]*>""")]
    private static partial Regex FrameworkReference();

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
                continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Soundscape.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Soundscape.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Runs a command in the scratch folder; fails the test with its output when it exits non-zero or hangs (the bound is generous: on a loaded shared machine one build can take minutes).</summary>
    private async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = _scratch,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host runs under `dotnet test`, whose MSBuild variables would point the child build at the outer one.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1"; // no build nodes left running after the test
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 10 minutes:\n{await stdout}\n{await stderr}");
        }
        var output = await stdout + await stderr;
        await TestContext.Out.WriteLineAsync($"{watch.Elapsed.TotalSeconds,5:0.0} s  {fileName} {string.Join(' ', arguments.Take(2))}");
        process.ExitCode.ShouldBe(0, $"{fileName} {string.Join(' ', arguments)}:\n{output}");
        return output;
    }
}
