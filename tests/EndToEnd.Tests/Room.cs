using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Audio;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.Wav;
using Soundscape.Domain.Identity;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.EndToEnd.Tests;

/// <summary>
/// A room arranged the way people would, over HTTP: an admin uploads real audio and sets each sound's taste, a
/// manager creates the player (and so its device key), listeners sign up, check in and vote. Only the first
/// admin's and manager's roles are granted in the database, as the grant-role host command would.
/// </summary>
public sealed class Room
{
    private const string Password = "correct horse battery";

    private static readonly (string Title, Func<double, int, int, float[]> Render, double[] Taste)[] Library =
    [
        ("rain", SoundGenerators.Rain, [1, 0, 0, 0, 0]),
        ("wind", SoundGenerators.Wind, [0, 1, 0, 0, 0]),
        ("fire", SoundGenerators.Fire, [0, 0, 1, 0, 0]),
        ("waves", SoundGenerators.Waves, [0, 0, 0, 0, 1]),
    ];

    private readonly ApiHost _api;
    private readonly HttpClient _anonymous;

    private Room(ApiHost api)
    {
        _api = api;
        _anonymous = api.Http();
    }

    public Guid PlayerId { get; private set; }

    public string CheckinCode { get; } = "lobby";

    public string DeviceKey { get; private set; } = "";

    public HttpClient Manager { get; private set; } = null!;

    /// <summary>Sound ids by title.</summary>
    public Dictionary<string, Guid> Sounds { get; } = [];

    /// <summary>A library of four sounds of <paramref name="seconds"/> each, and a player for them.</summary>
    public static async Task<Room> ArrangeAsync(ApiHost api, string audioFolder, double seconds)
    {
        var room = new Room(api);
        var admin = await room.SignUpAsync("admin", Role.Admin, Role.Manager);
        foreach (var (title, render, taste) in Library)
            room.Sounds[title] = await UploadAsync(admin, Wav(audioFolder, title, render(seconds, 22_050, title.Length)), title, taste);

        room.Manager = admin;
        var player = await ReadAsync(await admin.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = room.CheckinCode }), HttpStatusCode.Created);
        room.PlayerId = player.GetProperty("id").GetGuid();
        room.DeviceKey = player.GetProperty("deviceKey").GetString()!;
        return room;
    }

    /// <summary>A listener who signs up, checks in here and likes <paramref name="liked"/>.</summary>
    public async Task<HttpClient> ListenerWhoLikesAsync(string name, string liked)
    {
        var listener = await SignUpAsync(name);
        (await listener.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = CheckinCode })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await listener.PostAsJsonAsync("/api/votes", new { soundId = Sounds[liked], reaction = "like", playerId = PlayerId })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return listener;
    }

    /// <summary>The manager's view of the queue: titles in order, with each item's explanation.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueueAsync() =>
        (await ReadAsync(await Manager.GetAsync($"/api/players/{PlayerId}/queue"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

    public string TitleOf(Guid? soundId) => Sounds.Single(s => s.Value == soundId).Key;

    /// <summary>Reads rows as the schema owner (row-level security does not hide them).</summary>
    public static Task<T> AsOwnerAsync<T>(Func<SoundscapeDbContext, Task<T>> read) => EndToEndSetup.Database.AsOwnerAsync(read);

    /// <summary>The play events the server recorded for this player, oldest first: (event id, kind, queue item).</summary>
    public async Task<List<(Guid EventId, string Kind, Guid QueueItemId)>> DeviceEventsAsync()
    {
        await using var connection = new NpgsqlConnection(EndToEndSetup.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id, kind, queue_item_id FROM device_events WHERE player_id = $1 ORDER BY at, kind DESC", connection)
        {
            Parameters = { new() { Value = PlayerId } },
        };
        var events = new List<(Guid, string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            events.Add((reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2)));
        return events;
    }

    private async Task<HttpClient> SignUpAsync(string name, params Role[] roles)
    {
        var signUp = await ReadAsync(await _anonymous.PostAsJsonAsync("/api/auth/signup",
            new { email = $"{name}@example.com", password = Password, displayName = name }), HttpStatusCode.Created);
        var userId = signUp.GetProperty("userId").GetGuid();
        if (roles.Length > 0)
        {
            await AsOwnerAsync(async db =>
            {
                db.Roles.AddRange(roles.Select(role => RoleAssignment.Grant(userId, role, DateTimeOffset.UtcNow)));
                return await db.SaveChangesAsync();
            });
        }
        var client = _api.Http();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signUp.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<Guid> UploadAsync(HttpClient admin, string path, string title, double[] taste)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(file, "file", Path.GetFileName(path));
        form.Add(new StringContent(title), "title");
        var id = (await ReadAsync(await admin.PostAsync("/api/sounds", form), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        // The analyzer's taste of a few seconds of audio is rough; the admin states it, as the library's curator may.
        var embedding = new { rain = taste[0], wind = taste[1], fire = taste[2], thunder = taste[3], waves = taste[4] };
        (await admin.PatchAsJsonAsync($"/api/sounds/{id}", new { embedding })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    private static string Wav(string folder, string name, float[] samples)
    {
        var path = Path.Combine(folder, $"{name}.wav");
        using var writer = WavWriter.Create(path, new AudioFormat(22_050, 1), WavSampleEncoding.Pcm16);
        writer.Write(samples);
        return path;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
