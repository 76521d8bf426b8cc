using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Soundscape.Application.Devices.Common;
using Soundscape.Domain.Identity;
using Soundscape.Infrastructure.Devices;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests.Devices;

/// <summary>
/// Two API instances on one database, each remembering device keys: a rotated or deleted key is refused by both as
/// soon as the rotation has answered, never a moment later.
/// </summary>
[NonParallelizable]
public sealed class DeviceKeyRotationTests : ListenerApiTest
{
    private SoundscapeApiFactory _second = null!;
    private HttpClient[] _managers = null!;
    private Guid _playerId;
    private string _key = null!;

    [SetUp]
    public async Task StartASecondInstanceAsync()
    {
        _second = SoundscapeApiFactory.With(Testing.Database);
        var manager = await SignUpAsync("manager");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(manager.Id, Role.Manager, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        var onSecond = _second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = manager.Client.DefaultRequestHeaders.Authorization;
        _managers = [manager.Client, onSecond];
        var created = await ReadJsonAsync(await manager.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created);
        _playerId = created.GetProperty("id").GetGuid();
        _key = created.GetProperty("deviceKey").GetString()!;
        // Both listeners connected, so both caches are trusted (an untrusted cache reads the database every time).
        await ListeningAsync(Testing.Factory);
        await ListeningAsync(_second);
    }

    [TearDown]
    public async Task StopTheSecondInstanceAsync()
    {
        foreach (var client in _managers)
            client.Dispose();
        await _second.DisposeAsync();
    }

    [Test]
    public async Task RotatedKey_IsRefusedByEveryInstanceAsSoonAsTheRotationAnswers_TenTimesFromEitherInstance()
    {
        var instances = new[] { Testing.Factory, _second };
        for (var round = 0; round < 10; round++)
        {
            // Both instances remember the current key.
            foreach (var instance in instances)
                (await PollAsync(instance, _key)).ShouldBe(HttpStatusCode.OK);

            var rotated = await ReadJsonAsync(await _managers[round % 2].PostAsync($"/api/players/{_playerId}/device-key", null), HttpStatusCode.OK);

            var old = _key;
            _key = rotated.GetProperty("deviceKey").GetString()!;
            foreach (var instance in instances)
                (await PollAsync(instance, old)).ShouldBe(HttpStatusCode.Unauthorized, $"round {round}: the old key still opened an instance");
            foreach (var instance in instances)
                (await PollAsync(instance, _key)).ShouldBe(HttpStatusCode.OK);
        }
    }

    [Test]
    public async Task DeletedPlayersKey_IsRefusedByEveryInstanceAsSoonAsTheDeleteAnswers()
    {
        (await PollAsync(Testing.Factory, _key)).ShouldBe(HttpStatusCode.OK);
        (await PollAsync(_second, _key)).ShouldBe(HttpStatusCode.OK);

        (await _managers[1].DeleteAsync($"/api/players/{_playerId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await PollAsync(Testing.Factory, _key)).ShouldBe(HttpStatusCode.Unauthorized);
        (await PollAsync(_second, _key)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpStatusCode> PollAsync(SoundscapeApiFactory instance, string key)
    {
        using var device = instance.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, key);
        return (await device.GetAsync("/api/device/queue")).StatusCode;
    }

    private static async Task ListeningAsync(SoundscapeApiFactory instance)
    {
        var name = "soundscape-listener " + instance.Services.GetRequiredService<DeviceKeyRevocations>().InstanceId.ToString("N");
        await Eventually.WaitForAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection) { Parameters = { new() { Value = name } } };
            return (long)(await command.ExecuteScalarAsync())! == 1 ? name : null;
        }, TimeSpan.FromSeconds(10));
    }
}
