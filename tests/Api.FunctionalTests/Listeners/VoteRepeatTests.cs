using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Soundscape.Api.FunctionalTests.Listeners;

public sealed class VoteRepeatTests : ListenerApiTest
{
    [Test]
    public async Task Vote_RepeatedWithTheSameClientVoteId_Returns200WithTheFirstResultAndLearnsOnce()
    {
        var ada = await SignUpAsync("ada");
        var sound = Arrange.Sound("fire", Arrange.Vector(0, 0, 1, 0, 0));
        await AsOwnerAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });
        var clientVoteId = Guid.NewGuid();

        var first = await ReadJsonAsync(await ada.Client.PostAsJsonAsync("/api/votes", new { soundId = sound.Id, reaction = "like", clientVoteId }), HttpStatusCode.Created);
        var repeat = await ReadJsonAsync(await ada.Client.PostAsJsonAsync("/api/votes", new { soundId = sound.Id, reaction = "like", clientVoteId }), HttpStatusCode.OK);
        var other = await ada.Client.PostAsJsonAsync("/api/votes", new { soundId = sound.Id, rating = 1, clientVoteId });

        repeat.GetProperty("voteId").GetGuid().ShouldBe(first.GetProperty("voteId").GetGuid());
        repeat.GetProperty("tasteVector").GetProperty("fire").GetDouble().ShouldBe(first.GetProperty("tasteVector").GetProperty("fire").GetDouble());
        repeat.GetProperty("repeated").GetBoolean().ShouldBeTrue();
        await ShouldBeProblemAsync(other, HttpStatusCode.Conflict);
        (await AsOwnerAsync(db => db.Votes.CountAsync())).ShouldBe(1);
        (await AsOwnerAsync(db => db.Profiles.SingleAsync())).VoteCount.ShouldBe(1);
    }

    [Test]
    public async Task Vote_WithAnEmptyClientVoteId_Returns400NamingTheField()
    {
        var ada = await SignUpAsync("ada");
        await ShouldBeFieldErrorAsync(await ShouldChangeNothingAsync(() => ada.Client.PostAsJsonAsync("/api/votes",
            new { soundId = Guid.NewGuid(), rating = 5, clientVoteId = Guid.Empty })), "clientVoteId");
    }
}
