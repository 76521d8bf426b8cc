using System.Net;
using System.Text.Json;
using Npgsql;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

namespace Soundscape.Api.FunctionalTests.Analytics;

/// <summary>
/// GET /api/players/{id}/analytics and analytics.csv over a small known data set: one day of a manager's player, with
/// plays, votes, sessions and recorded tastes inside and just outside the period, and another manager's player.
/// </summary>
public sealed class RoomAnalyticsTests : ListenerApiTest
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Period = "from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z";

    private Listener _manager = null!;
    private Listener _otherManager = null!;
    private Listener _admin = null!;
    private Listener _listener = null!;
    private Player _player = null!;
    private Player _othersPlayer = null!;
    private Sound _rain = null!;
    private Sound _fire = null!;

    [SetUp]
    public async Task ArrangeADayOfAPlayerAsync()
    {
        _manager = await SignUpAsync("manager");
        _otherManager = await SignUpAsync("other-manager");
        _admin = await SignUpAsync("admin");
        _listener = await SignUpAsync("listener");
        var voters = new[] { await SignUpAsync("l2"), await SignUpAsync("l3"), await SignUpAsync("l4") };
        _rain = Arrange.Sound("=rain, \"soft\"", Arrange.Vector(1, 0, 0, 0, 0));
        _fire = Arrange.Sound("fire", Arrange.Vector(0, 0, 1, 0, 0));
        _player = Domain.Players.Player.Create("Lobby", "lobby", "hash", _manager.Id, Day.AddDays(-10));
        _othersPlayer = Domain.Players.Player.Create("Cafe", "cafe", "hash-2", _otherManager.Id, Day.AddDays(-10));
        var (l1, l2, l3, l4) = (_listener.Id, voters[0].Id, voters[1].Id, voters[2].Id);
        await AsOwnerAsync(async db =>
        {
            db.Roles.AddRange(
                RoleAssignment.Grant(_manager.Id, Role.Manager, Day),
                RoleAssignment.Grant(_otherManager.Id, Role.Manager, Day),
                RoleAssignment.Grant(_admin.Id, Role.Admin, Day));
            db.AddRange(_rain, _fire, _player, _othersPlayer);
            await db.SaveChangesAsync();

            PlayHistoryEntry Play(Player p, Sound s, TimeSpan at, TimeSpan length, int listeners)
            {
                var play = PlayHistoryEntry.Start(p.Id, PlayableRef.ForSound(s.Id), Day + at, listeners);
                play.End(Day + at + length);
                return play;
            }
            db.PlayHistory.AddRange(
                Play(_player, _rain, TimeSpan.FromHours(1), TimeSpan.FromMinutes(10), 2),
                Play(_player, _rain, TimeSpan.FromHours(2), TimeSpan.FromMinutes(10), 4),
                Play(_player, _fire, TimeSpan.FromHours(3), TimeSpan.FromMinutes(5), 1),
                // Clipped at the period's end: 10 of its 20 minutes count.
                Play(_player, _rain, new TimeSpan(23, 50, 0), TimeSpan.FromMinutes(20), 3),
                // Outside the period, and another room.
                Play(_player, _rain, TimeSpan.FromHours(-1), TimeSpan.FromMinutes(10), 9),
                Play(_othersPlayer, _fire, TimeSpan.FromHours(1), TimeSpan.FromMinutes(10), 7));
            db.Votes.AddRange(
                Vote.Rating(l1, _rain.Id, _player.Id, 5, Day.AddHours(1)),
                Vote.Rating(l2, _rain.Id, _player.Id, 2, Day.AddHours(2)),
                Vote.Reaction(l1, _fire.Id, _player.Id, -1, Day.AddHours(3)),
                Vote.Reaction(l3, _rain.Id, _player.Id, 1, Day.AddHours(4)),
                Vote.Rating(l4, _fire.Id, _othersPlayer.Id, 5, Day.AddHours(4)),
                Vote.Rating(l4, _fire.Id, _player.Id, 5, Day.AddDays(-1)));
            var ended = ListeningSession.CheckIn(l1, _player.Id, Day.AddMinutes(30));
            ended.End(Day.AddHours(5));
            db.Sessions.AddRange(ended, ListeningSession.CheckIn(l2, _player.Id, Day.AddHours(1)),
                ListeningSession.CheckIn(l4, _othersPlayer.Id, Day.AddHours(1)));
            await db.SaveChangesAsync();
        });

        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO room_taste_history (player_id, planned_at, taste, listeners) VALUES
                (@p, @day - interval '2 hours', '[1,0,0,0,0]', 3),
                (@p, @day + interval '5 minutes', '[0,1,0,0,0]', 3),
                (@p, @day + interval '10 minutes', '[0,0,1,0,0]', 4),
                (@p, @day + interval '2 hours', NULL, 1),
                (@p, @day + interval '1 day', '[0,0,0,0,1]', 3),
                (@q, @day + interval '1 hour', '[0,0,0,1,0]', 5)
            """, connection);
        command.Parameters.AddWithValue("p", _player.Id);
        command.Parameters.AddWithValue("q", _othersPlayer.Id);
        command.Parameters.AddWithValue("day", Day);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Get_AsTheManager_ReturnsThePeriodsFigures()
    {
        var body = await ReadJsonAsync(await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics?{Period}"), HttpStatusCode.OK);

        var summary = body.GetProperty("summary");
        summary.GetProperty("plays").GetInt64().ShouldBe(4);
        summary.GetProperty("playedMinutes").GetDouble().ShouldBe(35);
        summary.GetProperty("listeningMinutes").GetDouble().ShouldBe(10 * 2 + 10 * 4 + 5 * 1 + 10 * 3);
        summary.GetProperty("peakListeners").GetInt32().ShouldBe(4);
        summary.GetProperty("uniqueListeners").GetInt64().ShouldBe(3, "two sessions and a third listener who only voted");
        summary.GetProperty("votes").GetInt64().ShouldBe(4);
        summary.GetProperty("ratings").GetInt64().ShouldBe(2);
        summary.GetProperty("averageRating").GetDouble().ShouldBe(3.5);
        summary.GetProperty("likes").GetInt64().ShouldBe(1);
        summary.GetProperty("dislikes").GetInt64().ShouldBe(1);

        body.GetProperty("soundCount").GetInt32().ShouldBe(2);
        var sounds = body.GetProperty("sounds").EnumerateArray().ToList();
        sounds.Select(s => s.GetProperty("soundId").GetGuid()).ShouldBe([_rain.Id, _fire.Id], "most played first");
        var rain = sounds[0];
        rain.GetProperty("plays").GetInt64().ShouldBe(3);
        rain.GetProperty("listeningMinutes").GetDouble().ShouldBe(20 + 40 + 30);
        rain.GetProperty("votes").GetInt64().ShouldBe(3);
        rain.GetProperty("averageRating").GetDouble().ShouldBe(3.5);
        rain.GetProperty("approval").GetDouble().ShouldBe((1 - 0.5 + 1) / 3, 1e-9);
        sounds[1].GetProperty("approval").GetDouble().ShouldBe(-1);
        sounds[1].GetProperty("averageRating").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("top").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ShouldBe([_rain.Title]);
        body.GetProperty("bottom").EnumerateArray().Select(s => s.GetProperty("title").GetString()).ShouldBe(["fire"]);

        var taste = body.GetProperty("taste");
        taste.GetProperty("bucketSeconds").GetInt32().ShouldBe(15 * 60, "a day in 96 quarter hours");
        var points = taste.GetProperty("points").EnumerateArray().ToList();
        points.Select(p => p.GetProperty("at").GetDateTimeOffset()).ShouldBe([Day.AddHours(-2), Day, Day.AddHours(2)]);
        points[0].GetProperty("taste").GetProperty("rain").GetDouble().ShouldBe(1, "the room's taste when the period began");
        var averaged = points[1];
        averaged.GetProperty("taste").GetProperty("wind").GetDouble().ShouldBe(0.5, 1e-6);
        averaged.GetProperty("taste").GetProperty("fire").GetDouble().ShouldBe(0.5, 1e-6);
        averaged.GetProperty("listeners").GetInt32().ShouldBe(4);
        averaged.GetProperty("samples").GetInt32().ShouldBe(2);
        points[2].GetProperty("taste").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task Get_AsAnAdmin_ReadsAnyManagersPlayer()
    {
        var body = await ReadJsonAsync(await _admin.Client.GetAsync($"/api/players/{_othersPlayer.Id}/analytics?{Period}"), HttpStatusCode.OK);

        body.GetProperty("summary").GetProperty("plays").GetInt64().ShouldBe(1);
        body.GetProperty("summary").GetProperty("peakListeners").GetInt32().ShouldBe(7);
        body.GetProperty("taste").GetProperty("points")[0].GetProperty("taste").GetProperty("thunder").GetDouble().ShouldBe(1);
    }

    [Test]
    public async Task Get_OfAnotherManagersPlayer_Is404_AndForAListener403_AndAnonymously401()
    {
        await ShouldBeProblemAsync(await _otherManager.Client.GetAsync($"/api/players/{_player.Id}/analytics?{Period}"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await _listener.Client.GetAsync($"/api/players/{_player.Id}/analytics?{Period}"), HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(await _otherManager.Client.GetAsync($"/api/players/{_player.Id}/analytics.csv?{Period}"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await _listener.Client.GetAsync($"/api/players/{_player.Id}/analytics.csv?{Period}"), HttpStatusCode.Forbidden);
        using var anonymous = Testing.Factory.CreateClient();
        (await anonymous.GetAsync($"/api/players/{_player.Id}/analytics?{Period}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [TestCase("to=2026-11-02T00:00:00Z", "from")]
    [TestCase("from=yesterday&to=2026-11-02T00:00:00Z", "from")]
    [TestCase("from=2026-11-01T00:00:00Z", "to")]
    [TestCase("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [TestCase("from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [TestCase("from=2025-11-01T00:00:00Z&to=2026-11-03T00:00:00Z", "to")]
    public async Task Get_WithABadPeriod_Is400NamingTheField(string query, string field)
    {
        await ShouldBeFieldErrorAsync(await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics?{query}"), field);
        await ShouldBeFieldErrorAsync(await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics.csv?{query}"), field);
    }

    [Test]
    public async Task Get_OfAFullYear_IsServed()
    {
        var body = await ReadJsonAsync(
            await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z"), HttpStatusCode.OK);

        body.GetProperty("summary").GetProperty("plays").GetInt64().ShouldBe(5);
        body.GetProperty("taste").GetProperty("bucketSeconds").GetInt32().ShouldBe(2 * 24 * 3600, "365 days in at most 200 buckets");
    }

    [Test]
    public async Task Csv_OfSounds_IsTextCsv_WithEscapedTitles()
    {
        var response = await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics.csv?{Period}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("analytics-sounds-2026-11-01.csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        lines[0].ShouldBe("sound_id,mix_id,title,plays,listening_minutes,votes,ratings,average_rating,likes,dislikes,approval");
        // The title starts with "=", so a spreadsheet would run it: it gets an apostrophe, and quotes for its comma and quotes.
        lines[1].ShouldBe($"{_rain.Id},,\"'=rain, \"\"soft\"\"\",3,90,3,2,3.5,1,0,0.5");
        lines[2].ShouldBe($"{_fire.Id},,fire,1,5,1,0,,0,1,-1");
        lines[3].ShouldBe("");
    }

    [Test]
    public async Task Csv_OfTheSummaryAndTheTaste_HoldTheSameFigures()
    {
        var summary = await (await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics.csv?{Period}&kind=summary")).Content.ReadAsStringAsync();
        var taste = await (await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics.csv?{Period}&kind=taste")).Content.ReadAsStringAsync();

        summary.TrimStart('\uFEFF').Split("\r\n")[1].ShouldBe("2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,4,35,95,3,4,4,2,3.5,1,1");
        var tasteLines = taste.TrimStart('\uFEFF').Split("\r\n");
        tasteLines[0].ShouldBe("at,rain,wind,fire,thunder,waves,listeners,samples");
        tasteLines[1].ShouldBe("2026-10-31T22:00:00Z,1,0,0,0,0,3,1");
        tasteLines[2].ShouldBe("2026-11-01T00:00:00Z,0,0.5,0.5,0,0,4,2");
        tasteLines[3].ShouldBe("2026-11-01T02:00:00Z,,,,,,1,1");
    }

    [Test]
    public async Task Csv_OfAnUnknownKind_Is400NamingKind()
    {
        await ShouldBeFieldErrorAsync(await _manager.Client.GetAsync($"/api/players/{_player.Id}/analytics.csv?{Period}&kind=votes"), "kind");
    }
}
