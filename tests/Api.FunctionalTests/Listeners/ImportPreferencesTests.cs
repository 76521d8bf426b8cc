using Microsoft.EntityFrameworkCore;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Listeners.ImportPreferences;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Api.FunctionalTests.Listeners;

/// <summary>
/// The seeds' V1 → V3 step 1 through the host command: a V1 <c>preferences</c> table, in this database or another,
/// becomes the profiles' taste vectors, normalised; what cannot be imported is reported and left alone.
/// </summary>
public sealed class ImportPreferencesTests : ListenerApiTest
{
    [Test]
    public async Task ImportPreferences_FromAVector5TableHere_NormalisesEachTaste_ReportsTheRest_AndASecondRunChangesNothing()
    {
        var (ada, bob, cy) = (await AccountAsync("ada"), await AccountAsync("bob"), await AccountAsync("cy"));
        // Cy has learned here already: V3's taste wins over V1's.
        await OwnerSqlAsync(Testing.Database.OwnerConnectionString,
            $"UPDATE profiles SET vote_count = 1, preference_vector = '[1,0,0,0,0]', preference_velocity = '[0.1,0,0,0,0]' WHERE id = '{cy.Id}'");
        var cyBefore = await TasteOfAsync(cy.Id);
        var stranger = Guid.NewGuid();
        await OwnerSqlAsync(Testing.Database.OwnerConnectionString, $"""
            DROP SCHEMA IF EXISTS v1 CASCADE;
            CREATE SCHEMA v1;
            CREATE TABLE v1.preferences (user_id uuid PRIMARY KEY, preference vector(5));
            INSERT INTO v1.preferences VALUES ('{ada.Id}', '[3,0,4,0,0]'), ('{bob.Id}', '[0,0,0,0,0]'), ('{cy.Id}', '[0,0,0,0,9]'), ('{stranger}', '[1,1,1,1,1]');
            """);
        try
        {
            var (exitCode, output) = await HostCommand.RunAsync("import-preferences", "v1.preferences");

            exitCode.ShouldBe(0, output);
            output.ShouldContain("4 rows: 1 imported, 0 already in place, 3 skipped.");
            output.ShouldContain($"{bob.Id}: the vector is zero");
            output.ShouldContain($"{stranger}: no profile with this id");
            output.ShouldContain($"{cy.Id}: kept: the profile has learned from 1 votes here");
            var adaTaste = await TasteOfAsync(ada.Id);
            adaTaste.Preference.ShouldBe([0.6f, 0f, 0.8f, 0f, 0f], tolerance: 1e-6f);
            adaTaste.Velocity.ShouldBe([0f, 0f, 0f, 0f, 0f]);
            (await TasteOfAsync(bob.Id)).Preference.ShouldBe([0f, 0f, 0f, 0f, 0f]);
            (await TasteOfAsync(cy.Id)).Preference.ShouldBe(cyBefore.Preference);

            // The second run in process (a host process takes seconds to start on the shared machine).
            var again = await ShouldChangeNothingAsync(() => ImportInProcessAsync(Testing.Database.ServiceConnectionString, "v1.preferences"));
            (again.Imported, again.Unchanged, again.Skipped.Count).ShouldBe((0, 1, 3));
        }
        finally
        {
            await OwnerSqlAsync(Testing.Database.OwnerConnectionString, "DROP SCHEMA IF EXISTS v1 CASCADE");
        }
    }

    [Test]
    public async Task ImportPreferences_FromAFloat8ArrayTableInAnotherDatabase_SkipsNonFiniteAndMisshapenVectors()
    {
        var (ada, bob, cy, dee) = (await AccountAsync("ada"), await AccountAsync("bob"), await AccountAsync("cy"), await AccountAsync("dee"));
        var v1 = "soundscape_test_v1" + Environment.GetEnvironmentVariable("SOUNDSCAPE_TEST_DB_SUFFIX");
        await OwnerSqlAsync(DatabaseOptions.LocalOwner, $"DROP DATABASE IF EXISTS {v1} WITH (FORCE)");
        await OwnerSqlAsync(DatabaseOptions.LocalOwner, $"CREATE DATABASE {v1}");
        var source = DatabaseOptions.Local(v1, "soundscape_owner");
        try
        {
            await OwnerSqlAsync(source, $$"""
                CREATE TABLE preferences (id uuid, vector float8[]);
                INSERT INTO preferences VALUES ('{{ada.Id}}', '{0,2,0,0,0}'), ('{{bob.Id}}', '{NaN,1,0,0,0}'),
                                               ('{{cy.Id}}', '{1,Infinity,0,0,0}'), ('{{dee.Id}}', '{1,2,3}');
                """);

            var report = await ImportInProcessAsync(source, "preferences");

            (report.Imported, report.Unchanged).ShouldBe((1, 0));
            report.Skipped.ShouldBe([
                new SkippedPreference(bob.Id, "the vector has a component that is not a finite number"),
                new SkippedPreference(cy.Id, "the vector has a component that is not a finite number"),
                new SkippedPreference(dee.Id, "the vector has 3 components, not 5"),
            ], ignoreOrder: true);
            (await TasteOfAsync(ada.Id)).Preference.ShouldBe([0f, 1f, 0f, 0f, 0f]);
            foreach (var untouched in new[] { bob.Id, cy.Id, dee.Id })
                (await TasteOfAsync(untouched)).Preference.ShouldBe([0f, 0f, 0f, 0f, 0f]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await OwnerSqlAsync(DatabaseOptions.LocalOwner, $"DROP DATABASE IF EXISTS {v1} WITH (FORCE)");
        }
    }

    [Test]
    public async Task ImportPreferences_OfATableThatDoesNotExist_IsRefusedNamingIt_AndChangesNothing()
    {
        await AccountAsync("ada");

        var error = await ShouldChangeNothingAsync(() => Should.ThrowAsync<ArgumentException>(
            () => ImportInProcessAsync(Testing.Database.ServiceConnectionString, "v1.no_such_table")));

        error.Message.ShouldContain("There is no table 'v1.no_such_table'");
    }

    /// <summary>What the host command does, in this process: read the table, then import as service work.</summary>
    private static async Task<PreferenceImportReport> ImportInProcessAsync(string source, string table)
    {
        var rows = await LegacyPreferencesReader.ReadAsync(source, table, CancellationToken.None);
        await using var scope = Testing.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ImportPreferencesCommand(rows));
    }

    /// <summary>An account with a zero taste, written as the owner (sign-up's password hashing is slow on a busy machine).</summary>
    private static async Task<(Guid Id, string Name)> AccountAsync(string name)
    {
        var id = Guid.NewGuid();
        await OwnerSqlAsync(Testing.Database.OwnerConnectionString, $"""
            INSERT INTO auth.users (id, email, email_key, password_hash) VALUES ('{id}', '{name}@example.com', '{name}@example.com', 'not-a-hash');
            INSERT INTO profiles (id, display_name) VALUES ('{id}', '{name}');
            """);
        return (id, name);
    }

    private static Task<(float[] Preference, float[] Velocity)> TasteOfAsync(Guid id) => AsOwnerAsync(async db =>
    {
        var profile = await db.Profiles.AsNoTracking().SingleAsync(p => p.Id == id);
        return (profile.PreferenceVector.ToSingleArray(), profile.PreferenceVelocity.ToSingleArray());
    });

    private static async Task OwnerSqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
