using System.Text.RegularExpressions;

namespace Soundscape.Architecture.Tests;

/// <summary>
/// Code comments cite the design as "DESIGN §4.4"; the design is docs/design.md, whose section numbers are kept
/// stable for exactly this. A citation of a section that does not exist there (renumbered, or never written) fails.
/// </summary>
public sealed partial class DesignCitationTests
{
    private static readonly string[] SourceFolders = ["src", "migrations", "tests", "web/src", "bench"];
    private static readonly string[] SourceExtensions = [".cs", ".ts", ".tsx", ".sh", ".sql"];

    [Test]
    public void EveryDesignCitationInTheCode_NamesASectionOfDocsDesignMd()
    {
        var root = RepositoryRoot();
        var sections = Heading().Matches(File.ReadAllText(Path.Combine(root, "docs", "design.md")))
            .Select(m => m.Groups["number"].Value)
            .ToHashSet(StringComparer.Ordinal);
        sections.ShouldContain("4.4", "docs/design.md should keep its numbered sections");

        var citations = SourceFolders
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => SourceExtensions.Contains(Path.GetExtension(file)) && !IsBuildOutput(file))
            .SelectMany(file => Citation().Matches(File.ReadAllText(file))
                .SelectMany(m => Section().Matches(m.Value).Select(s => (File: Path.GetRelativePath(root, file), Section: s.Groups["number"].Value))))
            .ToList();

        citations.ShouldNotBeEmpty("the code cites the design; if it no longer does, this test can go");
        citations.Where(c => !sections.Contains(c.Section)).Select(c => $"{c.File}: §{c.Section}").ShouldBeEmpty();
    }

    private static bool IsBuildOutput(string file) =>
        file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules");

    // "## 4. The maths" and "### 4.4 recommend_with_penalty".
    [GeneratedRegex(@"^#{2,3} (?<number>\d+(?:\.\d+)?)\.? ", RegexOptions.Multiline)]
    private static partial Regex Heading();

    // "DESIGN §4.4", "DESIGN §4.3–§4.5", "DESIGN §4.3 and §4.4", "DESIGN §4.3–§4.5, §5".
    [GeneratedRegex(@"DESIGN (?:§\d+(?:\.\d+)?(?:(?:–|-|, | and )(?=§))?)+")]
    private static partial Regex Citation();

    [GeneratedRegex(@"§(?<number>\d+(?:\.\d+)?)")]
    private static partial Regex Section();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Soundscape.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Soundscape.sln not found above " + AppContext.BaseDirectory);
    }
}
