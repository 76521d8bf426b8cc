using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Soundscape.Application.IntegrationTests.Persistence;

/// <summary>
/// EFCore.NamingConventions replaced the hand-written snake_case convention. ModelNames.golden.txt holds every
/// table, column, JSON property and index column list the hand-written convention gave the model (written by this
/// test's <see cref="Describe"/> before the switch); the model must still give exactly those, and the migrated
/// database must hold every one of them.
/// </summary>
public sealed class NamingConventionTests
{
    private static readonly string GoldenPath = Path.Combine(TestContext.CurrentContext.TestDirectory, "Persistence", "ModelNames.golden.txt");

    [Test]
    public async Task ModelNames_UnderTheSnakeCaseConvention_AreThoseOfTheHandWrittenConvention()
    {
        var actual = await DescribeModelAsync();
        var golden = (await File.ReadAllLinesAsync(GoldenPath)).Where(l => l.Length > 0).ToList();

        // Written out so a failure can be read side by side with the golden file.
        await File.WriteAllLinesAsync(Path.Combine(TestContext.CurrentContext.WorkDirectory, "ModelNames.actual.txt"), actual);
        actual.Except(golden).ShouldBeEmpty("names the model has and the hand-written convention did not");
        golden.Except(actual).ShouldBeEmpty("names the hand-written convention had and the model lacks");
        golden.Count.ShouldBeGreaterThan(80);
    }

    [Test]
    public async Task EveryTableAndColumnOfTheModel_ExistsInTheMigratedDatabase()
    {
        var columns = new HashSet<string>();
        var tables = new HashSet<string>();
        await using (var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT table_schema || '.' || table_name, column_name
                FROM information_schema.columns WHERE table_schema IN ('public', 'auth')
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
                columns.Add($"{reader.GetString(0)}.{reader.GetString(1)}");
            }
        }

        var lines = await DescribeModelAsync();
        var modelTables = lines.Where(l => l.StartsWith("table ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
        var modelColumns = lines.Where(l => l.StartsWith("column ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();

        modelTables.ShouldNotBeEmpty();
        modelTables.Where(t => !tables.Contains(t)).ShouldBeEmpty();
        modelColumns.Where(c => !columns.Contains(c)).ShouldBeEmpty();
    }

    private static Task<List<string>> DescribeModelAsync() =>
        Testing.WithContextAsync(db => Task.FromResult(Describe(db.GetService<IDesignTimeModel>().Model)));

    /// <summary>One line per name: <c>table s.t</c>, <c>column s.t.c</c>, <c>json s.t.c:$.path</c>, <c>index s.t(c1,c2)</c>.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.IsMappedToJson())
            {
                var container = $"{entity.GetSchema() ?? "public"}.{entity.GetTableName()}.{entity.GetContainerColumnName()}";
                foreach (var property in entity.GetProperties().Where(p => p.GetJsonPropertyName() is not null))
                    lines.Add($"json {container}:{JsonPath(entity)}.{property.GetJsonPropertyName()}");
                continue;
            }
            if (entity.GetTableName() is not { } tableName)
                continue;
            var table = $"{entity.GetSchema() ?? "public"}.{tableName}";
            var store = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            lines.Add($"table {table}");
            foreach (var property in entity.GetProperties())
                lines.Add($"column {table}.{property.GetColumnName(store)}");
            foreach (var index in entity.GetIndexes())
                lines.Add($"index {table}({string.Join(",", index.Properties.Select(p => p.GetColumnName(store)))})");
        }
        return lines.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string JsonPath(IEntityType entity)
    {
        var path = new List<string>();
        for (var current = entity; current.IsMappedToJson() && current.FindOwnership() is { } ownership; current = ownership.PrincipalEntityType)
        {
            if (current.GetJsonPropertyName() is { } name)
                path.Insert(0, name);
        }
        return "$" + string.Concat(path.Select(p => "." + p));
    }
}
