using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Vectors;

namespace Soundscape.Api.FunctionalTests.Listeners;

/// <summary>Many votes by one user at once lose nothing: they apply one after another, in commit order.</summary>
public sealed class VoteConcurrencyTests : ListenerApiTest
{
    private const int Votes = 50;

    [Test]
    public async Task FiftyParallelVotes_ByOneUser_CountFiftyAndEqualApplyingThemOneByOneInCommitOrder()
    {
        var ada = await SignUpAsync("ada");
        // Every vote on its own sound with its own direction, so that any lost or reordered update would show.
        var random = new Random(20261123);
        var sounds = Enumerable.Range(0, Votes)
            .Select(i => Arrange.Sound($"sound {i}", TasteVector.Create(random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble())))
            .ToList();
        await AsOwnerAsync(async db => { db.Sounds.AddRange(sounds); await db.SaveChangesAsync(); });
        int[] ratings = [1, 2, 4, 5];

        using var start = new SemaphoreSlim(0);
        var requests = sounds.Select(async (sound, i) =>
        {
            await start.WaitAsync();
            return await ada.Client.PostAsJsonAsync("/api/votes", new { soundId = sound.Id, rating = ratings[i % ratings.Length] });
        }).ToList();
        start.Release(Votes);
        var responses = await Task.WhenAll(requests);

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var profile = await AsOwnerAsync(db => db.Profiles.SingleAsync(p => p.Id == ada.Id));
        profile.VoteCount.ShouldBe(Votes);

        // Replay in the order the votes took the profile's row lock, as the server does: from the stored (float4) values.
        var votes = await AsOwnerAsync(db => db.Votes.OrderBy(v => v.CreatedAt).ToListAsync());
        var embeddings = await AsOwnerAsync(db => db.Sounds.ToDictionaryAsync(s => s.Id, s => s.Embedding!));
        votes.Select(v => v.CreatedAt).Distinct().Count().ShouldBe(Votes, "each vote took the lock at its own time");
        var (taste, velocity) = (TasteVector.Zero, TasteVector.Zero);
        foreach (var vote in votes)
        {
            var result = TasteLearning.Default.Apply(taste, velocity, embeddings[vote.SoundId], VoteTarget.FromRating(vote.Value));
            (taste, velocity) = (AsStored(result.Preference), AsStored(result.Velocity));
        }

        profile.PreferenceVector.ApproximatelyEquals(taste, 1e-6).ShouldBeTrue($"stored {Show(profile.PreferenceVector)}, replayed {Show(taste)}");
        profile.PreferenceVelocity.ApproximatelyEquals(velocity, 1e-6).ShouldBeTrue($"stored {Show(profile.PreferenceVelocity)}, replayed {Show(velocity)}");
    }

    // vector columns hold float4: the server reads back the rounded values before the next vote.
    private static TasteVector AsStored(TasteVector vector) => TasteVector.FromValues(vector.ToSingleArray());

    private static string Show(TasteVector v) => string.Join(", ", v.ToArray().Select(x => x.ToString("F6")));
}
