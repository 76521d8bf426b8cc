using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.FunctionalTests.Identity;

public sealed class RoleTests : ListenerApiTest
{
    private Listener _admin = null!;

    [SetUp]
    public async Task SignUpAnAdminAsync()
    {
        _admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(_admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
    }

    [Test]
    public async Task Grant_ByAnAdmin_GivesTheRole_AndTheUserSeesItOnTheirProfile()
    {
        var ada = await SignUpAsync("ada");

        var granted = await ReadJsonAsync(await _admin.Client.PostAsJsonAsync("/api/admin/roles", new { email = "ADA@example.com", role = "manager" }), HttpStatusCode.Created);
        var again = await _admin.Client.PostAsJsonAsync("/api/admin/roles", new { email = "ada@example.com", role = "manager" });

        granted.GetProperty("userId").GetGuid().ShouldBe(ada.Id);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ReadJsonAsync(await ada.Client.GetAsync("/api/me"), HttpStatusCode.OK)).GetProperty("roles")
            .EnumerateArray().Select(r => r.GetString()).ShouldBe(["manager"]);
        (await AsOwnerAsync(db => db.Roles.CountAsync(r => r.UserId == ada.Id))).ShouldBe(1);
    }

    [Test]
    public async Task List_ByAnAdmin_ShowsEveryAssignment()
    {
        var ada = await SignUpAsync("ada");
        await _admin.Client.PostAsJsonAsync("/api/admin/roles", new { email = ada.Email, role = "manager" });

        var roles = await ReadJsonAsync(await _admin.Client.GetAsync("/api/admin/roles"), HttpStatusCode.OK);

        roles.EnumerateArray().Select(r => $"{r.GetProperty("email").GetString()}:{r.GetProperty("role").GetString()}")
            .ShouldBe(["ada@example.com:manager", "admin@example.com:admin"]);
    }

    [Test]
    public async Task Revoke_ByAnAdmin_TakesTheRoleAway_AndASecondRevokeIs404()
    {
        var ada = await SignUpAsync("ada");
        await _admin.Client.PostAsJsonAsync("/api/admin/roles", new { email = ada.Email, role = "manager" });

        (await _admin.Client.DeleteAsync($"/api/admin/roles/{ada.Id}/manager")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await ShouldChangeNothingAsync(() => _admin.Client.DeleteAsync($"/api/admin/roles/{ada.Id}/manager"));

        await ShouldBeProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Revoke_OfTheAdminsOwnAdminRole_Returns409AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _admin.Client.DeleteAsync($"/api/admin/roles/{_admin.Id}/admin"));

        await ShouldBeProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task RoleEndpoints_ForANonAdmin_Return403AndChangeNothing()
    {
        var mallory = await SignUpAsync("mallory");

        var grant = await ShouldChangeNothingAsync(() => mallory.Client.PostAsJsonAsync("/api/admin/roles", new { email = mallory.Email, role = "admin" }));
        var revoke = await ShouldChangeNothingAsync(() => mallory.Client.DeleteAsync($"/api/admin/roles/{_admin.Id}/admin"));

        await ShouldBeProblemAsync(grant, HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(revoke, HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(await mallory.Client.GetAsync("/api/admin/roles"), HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(await Client.GetAsync("/api/admin/roles"), HttpStatusCode.Unauthorized);
    }

    [TestCase("""{"email":"nobody@example.com","role":"manager"}""", HttpStatusCode.NotFound, null)]
    [TestCase("""{"email":"admin@example.com","role":"king"}""", HttpStatusCode.BadRequest, "role")]
    [TestCase("""{"email":"not-an-email","role":"manager"}""", HttpStatusCode.BadRequest, "email")]
    public async Task Grant_WithBadInput_AnswersClearlyAndChangesNothing(string json, HttpStatusCode status, string? field)
    {
        var response = await ShouldChangeNothingAsync(() => _admin.Client.PostAsync("/api/admin/roles", RawJson(json)));

        if (field is null)
            await ShouldBeProblemAsync(response, status);
        else
            await ShouldBeFieldErrorAsync(response, field);
    }

    [Test]
    public async Task GrantRoleHostCommand_WhileTheApiRuns_MakesTheFirstAdmin()
    {
        var ada = await SignUpAsync("ada");

        var (exitCode, output) = await HostCommand.RunAsync("grant-role", "ada@example.com", "admin");
        var (unknownExit, unknownOutput) = await HostCommand.RunAsync("grant-role", "nobody@example.com", "admin");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("has the admin role");
        (await _admin.Client.GetAsync("/api/admin/roles")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadJsonAsync(await ada.Client.GetAsync("/api/me"), HttpStatusCode.OK)).GetProperty("roles")
            .EnumerateArray().Select(r => r.GetString()).ShouldBe(["admin"]);
        unknownExit.ShouldBe(1);
        unknownOutput.ShouldContain("was not found");
    }
}
