using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Identity;

namespace Soundscape.Api.FunctionalTests.Hardening;

/// <summary>One account per address however it is spelled: sign-up, sign-in and grant-role all find it by the same key.</summary>
public sealed class EmailIdentityTests : ListenerApiTest
{
    [TestCase("İlker-1@example.com", "İlker-1@example.com")]
    [TestCase("İlker-2@example.com", "İLKER-2@EXAMPLE.COM")]
    [TestCase("Ørjan@example.com", "ørjan@EXAMPLE.com")]
    [TestCase("Straße@example.com", "STRASSE@example.com", Ignore = "simple case folding keeps ß; full folding would make it ss")]
    [TestCase("ΣΟΦΙΑ@example.com", "σοφια@example.com")]
    public async Task SignUpThenSignIn_WithANonAsciiAddress_FindsTheSameAccount(string signUp, string signIn)
    {
        var created = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/signup", new { email = signUp, password = Password, displayName = "Ilker" }), HttpStatusCode.Created);

        var token = await Client.PostAsJsonAsync("/api/auth/token", new { email = signIn, password = Password });

        (await ReadJsonAsync(token, HttpStatusCode.OK)).GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
        var user = await AsOwnerAsync(db => db.Users.SingleAsync());
        user.Id.ShouldBe(created.GetProperty("userId").GetGuid());
        user.Email.ShouldBe(signUp);
        user.EmailKey.ShouldBe(EmailIdentity.KeyOf(signIn));
    }

    [TestCase("jos\u00e9@example.com", "jose\u0301@example.com")]             // NFC, then NFD
    [TestCase("jose\u0301@example.com", "JOS\u00c9@example.com")]             // NFD, then NFC upper case
    [TestCase("ada@example.com", "\uff41\uff44\uff41@example.com")]            // full-width look-alike
    [TestCase("ada@example.com", "ada@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com")]
    [TestCase("office@example.com", "o\ufb03ce@example.com")]                   // the "ffi" ligature
    public async Task SignUp_WithAnotherSpellingOfAnExistingAddress_Returns409AndChangesNothing(string first, string second)
    {
        (await Client.PostAsJsonAsync("/api/auth/signup", new { email = first, password = Password, displayName = "First" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await ShouldChangeNothingAsync(() => Client.PostAsJsonAsync("/api/auth/signup", new { email = second, password = Password, displayName = "Second" }));

        (await ShouldBeProblemAsync(response, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("already exists");
        (await AsOwnerAsync(db => db.Users.CountAsync())).ShouldBe(1);
        (await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/token", new { email = second, password = Password }), HttpStatusCode.OK))
            .GetProperty("accessToken").GetString().ShouldNotBeNullOrEmpty();
    }

    [TestCase("ada\u200b@example.com")]   // zero-width space
    [TestCase("ada@exa\u200dmple.com")]   // zero-width joiner
    [TestCase("\ufeffada@example.com")]   // byte-order mark
    [TestCase("ada\u00ad@example.com")]   // soft hyphen
    [TestCase("ada@example.com\u2060")]   // word joiner
    public async Task SignUp_WithAnInvisibleFormatCharacter_Returns400NamingEmailAndChangesNothing(string email)
    {
        var response = await ShouldChangeNothingAsync(() => Client.PostAsJsonAsync("/api/auth/signup", new { email, password = Password, displayName = "Ada" }));

        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("email")[0].GetString().ShouldBe("email must not contain invisible format characters (such as U+200B).");
    }

    [Test]
    public async Task GrantRole_ByAnotherSpellingOfTheAddress_GivesTheRoleToThatAccount()
    {
        var admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        var ilker = await ReadJsonAsync(await Client.PostAsJsonAsync("/api/auth/signup", new { email = "İlker-jos\u00e9@example.com", password = Password, displayName = "Ilker" }), HttpStatusCode.Created);

        var granted = await admin.Client.PostAsJsonAsync("/api/admin/roles", new { email = "İLKER-JOSE\u0301@\uff45xample.com", role = "manager" });

        (await ReadJsonAsync(granted, HttpStatusCode.Created)).GetProperty("userId").GetGuid().ShouldBe(ilker.GetProperty("userId").GetGuid());
        (await AsOwnerAsync(db => db.Roles.CountAsync(r => r.Role == Role.Manager))).ShouldBe(1);
    }
}
