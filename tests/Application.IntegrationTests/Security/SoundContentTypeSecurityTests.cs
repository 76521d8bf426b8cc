using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Identity;

using static Soundscape.Application.IntegrationTests.Security.AppRoleSql;

namespace Soundscape.Application.IntegrationTests.Security;

/// <summary>
/// sounds.content_type (migration 20261204100000): readable by everyone like the rest of sounds, written by the API's
/// role only for an admin caller (the sounds policies), by the service role for the backfill, and always a media type.
/// </summary>
public sealed class SoundContentTypeSecurityTests : DatabaseTest
{
    private Guid _listener;
    private Guid _admin;
    private Guid _sound;

    [SetUp]
    public async Task ArrangeASoundAListenerAndAnAdminAsync()
    {
        var (listenerUser, listener) = TestData.Listener("lena");
        var (adminUser, admin) = TestData.Listener("ada");
        var sound = TestData.Sound("rain", null);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(listenerUser, listener, adminUser, admin, sound);
            db.Roles.Add(RoleAssignment.Grant(admin.Id, Role.Admin, TestData.Now));
            await db.SaveChangesAsync();
        });
        (_listener, _admin, _sound) = (listener.Id, admin.Id, sound.Id);
    }

    [Test]
    public async Task ContentType_AsAnyCaller_IsReadable()
    {
        await using var connection = await OpenAppConnectionAsync(null);

        (await ReadStringsAsync(connection, "SELECT content_type FROM sounds")).ShouldBe(["NULL"]);
    }

    [Test]
    public async Task UpdateContentType_AsAListener_ChangesNothing()
    {
        await using var connection = await OpenAppConnectionAsync(_listener);

        (await ExecuteAsync(connection, "UPDATE sounds SET content_type = 'audio/mpeg'")).ShouldBe(0);

        await using var owner = await OpenOwnerConnectionAsync();
        (await ReadStringsAsync(owner, "SELECT content_type FROM sounds")).ShouldBe(["NULL"]);
    }

    [Test]
    public async Task UpdateContentType_AsAnAdminOrTheServiceRole_IsStored()
    {
        await using (var connection = await OpenAppConnectionAsync(_admin))
            (await ExecuteAsync(connection, $"UPDATE sounds SET content_type = 'audio/wav' WHERE id = '{_sound}'")).ShouldBe(1);
        await using (var service = await OpenServiceConnectionAsync())
            (await ExecuteAsync(service, $"UPDATE sounds SET content_type = 'audio/ogg' WHERE id = '{_sound}'")).ShouldBe(1);

        await using var owner = await OpenOwnerConnectionAsync();
        (await ReadStringsAsync(owner, "SELECT content_type FROM sounds")).ShouldBe(["audio/ogg"]);
    }

    [TestCase("x.mp3")]
    [TestCase("audio/wav; charset=x")]
    [TestCase("AUDIO/WAV")]
    [TestCase("")]
    public async Task UpdateContentType_ToSomethingThatIsNotAMediaType_IsRefused(string value)
    {
        await using var owner = await OpenOwnerConnectionAsync();
        await using var command = new NpgsqlCommand("UPDATE sounds SET content_type = @value", owner);
        command.Parameters.AddWithValue("value", value);

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        error.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
    }
}
