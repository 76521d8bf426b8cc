using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Soundscape.Infrastructure.Identity;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Api.FunctionalTests.Supabase;

/// <summary>
/// Issue 18 end to end: the API against a Supabase-shaped database (auth.users owned by supabase_auth_admin, Supabase's
/// roles, auth.uid(), an extensions schema), migrated at start-up by a non-superuser owner, with tokens minted as
/// Supabase Auth mints them. One database and one API for the whole fixture; each test makes its own users.
/// </summary>
[NonParallelizable]
public sealed class SupabaseDeploymentTests
{
    private SupabaseProject _project = null!;
    private SoundscapeApiFactory _api = null!;
    private Guid _soundId;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _project = await SupabaseProject.CreateAsync();
        _api = new SoundscapeApiFactory(_project.AppConnectionString, _project.OwnerConnectionString, migrateOnStartup: true, new Dictionary<string, string>
        {
            ["ConnectionStrings:SoundscapeService"] = _project.ServiceConnectionString,
            // Detected: the database's auth.users is Supabase Auth's.
            ["Auth:Mode"] = "auto",
            ["Auth:External:Issuer"] = SupabaseProject.Issuer,
            ["Auth:External:Audience"] = "authenticated",
            ["Auth:External:SigningKey"] = SupabaseProject.JwtSecret,
        });
        (await _api.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var dataSource = NpgsqlDataSources.Create(_project.OwnerConnectionString);
        await using var db = DatabaseMigrator.CreateContext(dataSource, IdentityMode.Supabase);
        var rain = Arrange.Sound("Rain on leaves", Arrange.Vector(0.9, 0.1, 0.1, 0.2, 0.1));
        db.Sounds.AddRange(rain, Arrange.Sound("Campfire", Arrange.Vector(0.1, 0.1, 0.9, 0.1, 0.1)));
        db.Players.Add(Arrange.Player("Supabase lobby", "supa-lobby"));
        await db.SaveChangesAsync();
        _soundId = rain.Id;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _api.DisposeAsync();

    [Test]
    public async Task Migrations_AsTheNonSuperuserOwner_LeaveSupabaseAuthAlone_AndPutPgvectorInExtensions()
    {
        (await _project.ScalarAsync<bool>(_project.OwnerConnectionString, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).ShouldBeFalse();
        (await _project.ScalarAsync<string>(_project.OwnerConnectionString,
            "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'auth.users'::regclass")).ShouldBe("supabase_auth_admin");
        var authColumns = await _project.ScalarAsync<string>(_project.OwnerConnectionString,
            "SELECT string_agg(attname, ',' ORDER BY attname) FROM pg_attribute WHERE attrelid = 'auth.users'::regclass AND attnum > 0 AND NOT attisdropped");
        authColumns.ShouldContain("encrypted_password");
        authColumns.ShouldNotContain("password_hash");
        authColumns.ShouldNotContain("email_key");
        (await _project.ScalarAsync<long>(_project.OwnerConnectionString,
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'auth' AND c.relowner <> 'supabase_auth_admin'::regrole"))
            .ShouldBe(0L, "Soundscape created nothing in Supabase's auth schema");
        (await _project.ScalarAsync<string>(_project.OwnerConnectionString,
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'vector'")).ShouldBe("extensions");
        (await _project.ScalarAsync<string>(_project.OwnerConnectionString,
            "SELECT confrelid::regclass::text FROM pg_constraint WHERE conname = 'fk_users_supabase_user'")).ShouldBe("auth.users");
    }

    [Test]
    public async Task SupabaseUser_SignsInChecksInVotesAndReadsRecommendations_WithAProfileMadeOnFirstUse()
    {
        var id = await _project.CreateUserAsync("grace@example.com", displayName: "Grace");
        var client = ClientFor(SupabaseProject.Token(id, "grace@example.com", displayName: "Grace"));

        var me = await JsonAsync(await client.GetAsync("/api/me"), HttpStatusCode.OK);
        me.GetProperty("id").GetGuid().ShouldBe(id);
        me.GetProperty("displayName").GetString().ShouldBe("Grace");
        (await JsonAsync(await client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "supa-lobby" }), HttpStatusCode.Created))
            .ValueKind.ShouldBe(JsonValueKind.Object);
        var vote = await JsonAsync(await client.PostAsJsonAsync("/api/votes", new { soundId = _soundId, reaction = "like" }), HttpStatusCode.Created);
        vote.GetProperty("learned").GetBoolean().ShouldBeTrue();
        var recommendations = await JsonAsync(await client.GetAsync("/api/me/recommendations?limit=2"), HttpStatusCode.OK);
        recommendations.ToString().ShouldContain(_soundId.ToString());
        var first = recommendations.ValueKind == JsonValueKind.Array ? recommendations[0] : recommendations.GetProperty("items")[0];
        first.GetProperty("id").GetGuid().ShouldBe(_soundId, "the liked rain sound is nearest to the taste it taught");

        (await _project.ScalarAsync<string>(_project.ServiceConnectionString, $"SELECT email FROM soundscape_auth.users WHERE id = '{id}'"))
            .ShouldBe("grace@example.com");
    }

    [Test]
    public async Task AnonymousSupabaseUser_GetsAGuestProfile_AndVotes()
    {
        var id = await _project.CreateUserAsync(null, anonymous: true);
        var client = ClientFor(SupabaseProject.Token(id, null, anonymous: true));

        var me = await JsonAsync(await client.GetAsync("/api/me"), HttpStatusCode.OK);
        me.GetProperty("displayName").GetString().ShouldBe("Guest");
        (await client.PostAsJsonAsync("/api/votes", new { soundId = _soundId, rating = 4 })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _project.ScalarAsync<bool>(_project.ServiceConnectionString, $"SELECT is_anonymous FROM soundscape_auth.users WHERE id = '{id}'")).ShouldBeTrue();
    }

    [Test]
    public async Task TokensThatNameNoListener_AreAnonymousOrRefused()
    {
        var anonKey = ClientFor(SupabaseProject.AnonKey());
        (await anonKey.GetAsync("/api/sounds")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonKey.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var id = await _project.CreateUserAsync("svc@example.com");
        (await ClientFor(SupabaseProject.Token(id, "svc@example.com", role: "service_role")).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Signed for a user Supabase does not have: no profile is made for it.
        var stranger = Guid.NewGuid();
        (await ClientFor(SupabaseProject.Token(stranger, "nobody@example.com")).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _project.ScalarAsync<long>(_project.ServiceConnectionString, $"SELECT count(*) FROM profiles WHERE id = '{stranger}'")).ShouldBe(0L);
    }

    [Test]
    public async Task OwnAccountEndpoints_InTheSupabaseMode_Answer404_AndCreateNoAccount()
    {
        var client = _api.CreateClient();
        var before = await _project.ScalarAsync<long>(_project.ServiceConnectionString, "SELECT count(*) FROM soundscape_auth.users");

        foreach (var (path, body) in new (string, object)[]
                 {
                     ("/api/auth/signup", new { email = "own@example.com", password = "correct horse battery", displayName = "Own" }),
                     ("/api/auth/guest", new { }),
                     ("/api/auth/token", new { email = "own@example.com", password = "correct horse battery" }),
                 })
        {
            var response = await client.PostAsJsonAsync(path, body);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }
        (await _project.ScalarAsync<long>(_project.ServiceConnectionString, "SELECT count(*) FROM soundscape_auth.users")).ShouldBe(before);
    }

    [Test]
    public async Task RowLevelSecurity_AsAuthenticatedAndAnon_ShowsAndChangesOnlyTheCallersRows()
    {
        var (ada, bob) = (await _project.CreateUserAsync("ada.rls@example.com"), await _project.CreateUserAsync("bob.rls@example.com"));
        foreach (var (user, email) in new[] { (ada, "ada.rls@example.com"), (bob, "bob.rls@example.com") })
        {
            var client = ClientFor(SupabaseProject.Token(user, email));
            (await client.PostAsJsonAsync("/api/votes", new { soundId = _soundId, reaction = "like" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await using var connection = new NpgsqlConnection(_project.OwnerConnectionString);
        await connection.OpenAsync();
        // As PostgREST does for a signed-in request: the role, then the token's claims.
        async Task<T> AsAsync<T>(string role, string claims, string sql)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await SupabaseProject.ExecuteAsync(connection, $"SET LOCAL ROLE {role}");
            await using (var set = new NpgsqlCommand("SELECT set_config('request.jwt.claims', $1, true)", connection) { Parameters = { new() { Value = claims } } })
                await set.ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            var value = (T)(await command.ExecuteScalarAsync())!;
            await transaction.RollbackAsync();
            return value;
        }
        async Task<string?> RefusedAsync(string role, string claims, string sql)
        {
            try
            {
                await AsAsync<object>(role, claims, sql);
                return null;
            }
            catch (PostgresException ex)
            {
                return ex.SqlState;
            }
        }
        var adaClaims = $$"""{"sub":"{{ada}}","role":"authenticated","aud":"authenticated"}""";
        const string anonClaims = """{"role":"anon"}""";

        (await AsAsync<string>("authenticated", adaClaims, "SELECT auth.uid()::text")).ShouldBe(ada.ToString());
        (await AsAsync<long>("authenticated", adaClaims, $"SELECT count(*) FROM votes WHERE user_id IN ('{ada}', '{bob}')")).ShouldBe(1L);
        (await AsAsync<long>("authenticated", adaClaims, "WITH u AS (UPDATE profiles SET display_name = 'Changed' RETURNING id) SELECT count(*) FROM u")).ShouldBe(1L);
        string InsertVoteFor(Guid user) =>
            $"INSERT INTO votes (id, user_id, sound_id, kind, value) VALUES (gen_random_uuid(), '{user}', '{_soundId}', 'rating', 5) RETURNING 1";
        (await AsAsync<int>("authenticated", adaClaims, InsertVoteFor(ada))).ShouldBe(1, "the role may insert, so the refusal below is the policy's");
        (await RefusedAsync("authenticated", adaClaims, InsertVoteFor(bob))).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync("authenticated", adaClaims, "SELECT device_key_hash FROM players LIMIT 1")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync("authenticated", adaClaims, "SELECT password_hash FROM soundscape_auth.users LIMIT 1")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        (await AsAsync<long>("anon", anonClaims, "SELECT count(*) FROM votes")).ShouldBe(0L);
        (await AsAsync<long>("anon", anonClaims, "SELECT count(*) FROM sounds")).ShouldBeGreaterThan(0L);
        (await AsAsync<long>("anon", anonClaims, "WITH u AS (UPDATE profiles SET display_name = 'Anon' RETURNING id) SELECT count(*) FROM u")).ShouldBe(0L);
        (await RefusedAsync("anon", anonClaims,
            $"INSERT INTO profiles (id, display_name) VALUES ('{Guid.NewGuid()}', 'Anon') RETURNING 1")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Test]
    public async Task DeletingASupabaseUser_RemovesTheirProfileVotesAndSessionsByCascade()
    {
        var id = await _project.CreateUserAsync("leaving@example.com");
        var client = ClientFor(SupabaseProject.Token(id, "leaving@example.com"));
        (await client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "supa-lobby" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/votes", new { soundId = _soundId, reaction = "dislike" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await _project.DeleteUserAsync(id);

        (await _project.ScalarAsync<long>(_project.ServiceConnectionString, $"""
            SELECT (SELECT count(*) FROM soundscape_auth.users WHERE id = '{id}') + (SELECT count(*) FROM profiles WHERE id = '{id}')
                 + (SELECT count(*) FROM votes WHERE user_id = '{id}') + (SELECT count(*) FROM sessions WHERE user_id = '{id}')
            """)).ShouldBe(0L);
    }

    [Test]
    public async Task StandaloneMode_OnASupabaseDatabase_RefusesToMigrate_NamingTheSetting()
    {
        var options = new DatabaseOptions
        {
            ConnectionString = _project.AppConnectionString,
            MigrationConnectionString = _project.OwnerConnectionString,
            ServiceConnectionString = _project.ServiceConnectionString,
        };
        var error = await Should.ThrowAsync<InvalidOperationException>(() => new DatabaseMigrator(options, NullLogger<DatabaseMigrator>.Instance).MigrateAsync());
        error.Message.ShouldContain("Auth:Mode");
    }

    [Test]
    public async Task SupabaseUser_WithAnES256TokenFromThePublishedKeys_GetsAProfileOnFirstUse()
    {
        using var signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var jwks = await LocalJwks.StartAsync(("k1", signingKey));
        // A second API over the same project, as a deployer on Supabase's asymmetric keys would configure it.
        await using var api = new SoundscapeApiFactory(_project.AppConnectionString, _project.OwnerConnectionString, migrateOnStartup: false, new Dictionary<string, string>
        {
            ["ConnectionStrings:SoundscapeService"] = _project.ServiceConnectionString,
            ["Auth:Mode"] = "supabase",
            ["Auth:External:Issuer"] = SupabaseProject.Issuer,
            ["Auth:External:Audience"] = "authenticated",
            ["Auth:External:SigningKey"] = "",
            ["Auth:External:JwksUri"] = jwks.Uri,
        });
        var id = await _project.CreateUserAsync("ines@example.com", displayName: "Ines");
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            SupabaseProject.Token(id, "ines@example.com", displayName: "Ines", credentials: LocalJwks.Es256("k1", signingKey)));

        var me = await JsonAsync(await client.GetAsync("/api/me"), HttpStatusCode.OK);

        me.GetProperty("id").GetGuid().ShouldBe(id);
        me.GetProperty("displayName").GetString().ShouldBe("Ines");
        (await _project.ScalarAsync<string>(_project.ServiceConnectionString, $"SELECT email FROM soundscape_auth.users WHERE id = '{id}'"))
            .ShouldBe("ines@example.com");
        // The legacy secret is no key on this API.
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SupabaseProject.Token(id, "ines@example.com"));
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private HttpClient ClientFor(string token)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
