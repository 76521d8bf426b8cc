using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Vectors;

using static Soundscape.Application.IntegrationTests.Security.AppRoleSql;

namespace Soundscape.Application.IntegrationTests.Security;

/// <summary>
/// public.sound_usage and sounds.calculated_embedding as the API's role: the counts see past row-level security for
/// admins only, and the calculated embedding is written by admins only, like the rest of the row.
/// </summary>
public sealed class SoundUsageSecurityTests : DatabaseTest
{
    private Guid _admin;
    private Guid _listener;
    private Guid _sound;

    [SetUp]
    public async Task ArrangeASoundInAListenersPrivateMixAsync()
    {
        var (adminUser, admin) = TestData.Listener("admin");
        var (listenerUser, listener) = TestData.Listener("listener");
        var sound = TestData.Sound("rain", TasteVector.Create(1, 0, 0, 0, 0));
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(adminUser, admin, listenerUser, listener, sound);
            db.Add(RoleAssignment.Grant(admin.Id, Role.Admin, TestData.Now));
            db.Add(Mix.Create(listener.Id, "Mine", [new MixLayer(sound.Id, 1, true, 0)], false, 60, TestData.Now));
            db.Add(Vote.Rating(listener.Id, sound.Id, null, 5, TestData.Now));
            await db.SaveChangesAsync();
        });
        (_admin, _listener, _sound) = (admin.Id, listener.Id, sound.Id);
    }

    [Test]
    public async Task SoundUsage_AsAnAdmin_CountsAListenersPrivateMixAndVoteTheAdminCannotSelect()
    {
        await using var connection = await OpenAppConnectionAsync(_admin);

        (await ReadStringsAsync(connection, "SELECT count(*) FROM mixes")).ShouldBe(["0"]);
        (await ReadStringsAsync(connection, $"SELECT mixes || ',' || mix_layers || ',' || votes FROM public.sound_usage('{_sound}')"))
            .ShouldBe(["1,1,1"]);
    }

    [Test]
    public async Task SoundUsage_AsAListener_IsRefusedWithInsufficientPrivilege()
    {
        await using var connection = await OpenAppConnectionAsync(_listener);

        var error = await Should.ThrowAsync<PostgresException>(() => ReadStringsAsync(connection, $"SELECT votes FROM public.sound_usage('{_sound}')"));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [TestCase(false, 0)]
    [TestCase(true, 1)]
    public async Task CalculatedEmbedding_AsAppRole_IsWrittenOnlyByAnAdmin(bool asAdmin, int rows)
    {
        await using (var connection = await OpenAppConnectionAsync(asAdmin ? _admin : _listener))
            (await ExecuteAsync(connection, $"UPDATE sounds SET calculated_embedding = '[0,0,0,0,1]' WHERE id = '{_sound}'")).ShouldBe(rows);

        await using var listener = await OpenAppConnectionAsync(_listener);
        (await ReadStringsAsync(listener, $"SELECT calculated_embedding::text FROM sounds WHERE id = '{_sound}'"))
            .ShouldBe([asAdmin ? "[0,0,0,0,1]" : "[1,0,0,0,0]"]);
    }
}
