using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Soundscape.Domain.Identity;
using Soundscape.Infrastructure.Identity;
using Soundscape.Infrastructure.Identity.Supabase;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Application.IntegrationTests.Persistence;

/// <summary>The Supabase dialect of the migrations (SupabaseMigrationSql): what moves out of Supabase's auth schema, and what stays.</summary>
public sealed class SupabaseDialectTests
{
    [TestCase("CREATE TABLE auth.users (id uuid)", "CREATE TABLE soundscape_auth.users (id uuid)")]
    [TestCase("ALTER TABLE auth.refresh_tokens ENABLE ROW LEVEL SECURITY", "ALTER TABLE soundscape_auth.refresh_tokens ENABLE ROW LEVEL SECURITY")]
    [TestCase("DROP INDEX auth.ux_users_email_lower", "DROP INDEX soundscape_auth.ux_users_email_lower")]
    [TestCase("WHERE c.oid = 'auth.users'::regclass", "WHERE c.oid = 'soundscape_auth.users'::regclass")]
    [TestCase("CREATE SCHEMA IF NOT EXISTS auth;", "CREATE SCHEMA IF NOT EXISTS soundscape_auth;")]
    [TestCase("SET search_path = public, pg_temp", "SET search_path = public, extensions, pg_temp")]
    [TestCase("WHERE id = (SELECT auth.uid())", "WHERE id = (SELECT auth.uid())")]
    [TestCase("SELECT auth.role(), auth.jwt()", "SELECT auth.role(), auth.jwt()")]
    [TestCase("REFERENCES \"auth\".\"users\" (id) ON DELETE CASCADE", "REFERENCES \"auth\".\"users\" (id) ON DELETE CASCADE")]
    [TestCase("SELECT * FROM soundscape_auth.users", "SELECT * FROM soundscape_auth.users")]
    [TestCase("UPDATE oauth.users_x SET a = 1", "UPDATE oauth.users_x SET a = 1")]
    public void Rewrite_MovesSoundscapesOwnAuthObjects_AndLeavesSupabasesAlone(string sql, string expected) =>
        SupabaseMigrationSql.Rewrite(sql).ShouldBe(expected);

    [Test]
    public void EveryMigration_InTheSupabaseDialect_NamesNothingInAuthButSupabasesFunctionsAndQuotedUsers()
    {
        using var context = DatabaseMigrator.CreateContext(NpgsqlDataSources.Create("Host=127.0.0.1;Database=unused"));
        var migrations = context.GetService<IMigrationsAssembly>();
        var offending = new List<string>();
        foreach (var (id, type) in migrations.Migrations)
        {
            var migration = migrations.CreateMigration(type, context.Database.ProviderName!);
            foreach (var sql in migration.UpOperations.OfType<SqlOperation>().Select(o => SupabaseMigrationSql.Rewrite(o.Sql)))
            {
                offending.AddRange(Regex.Matches(sql, @"(?<![\w""])auth\.(?!uid\(\)|role\(\)|jwt\(\))\w+").Select(m => $"{id}: {m.Value}"));
                offending.AddRange(Regex.Matches(sql, @"\bSCHEMA\s+(IF\s+NOT\s+EXISTS\s+)?auth\b", RegexOptions.IgnoreCase).Select(m => $"{id}: {m.Value}"));
            }
        }
        migrations.Migrations.Count.ShouldBeGreaterThan(15);
        offending.ShouldBeEmpty();
    }

    [Test]
    public void SupabaseModel_MapsAccountsToSoundscapesOwnSchema_AndTheStandaloneModelKeepsAuth()
    {
        using var standalone = DatabaseMigrator.CreateContext(NpgsqlDataSources.Create("Host=127.0.0.1;Database=unused"));
        using var supabase = DatabaseMigrator.CreateContext(NpgsqlDataSources.Create("Host=127.0.0.1;Database=unused"), IdentityMode.Supabase);

        standalone.Model.FindEntityType(typeof(UserAccount))!.GetSchema().ShouldBe(IdentitySchemas.Standalone);
        supabase.Model.FindEntityType(typeof(UserAccount))!.GetSchema().ShouldBe(IdentitySchemas.Supabase);
    }
}
