using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Library.FindNearestSounds;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.IntegrationTests.Library;

public sealed class FindNearestSoundsTests : DatabaseTest
{
    private static readonly TasteDto Taste = new(0.9, 0.1, 0.4, 0.2, 0.8);

    [Test]
    public async Task FindNearestSounds_ReturnsNearestFirstWithTheirSimilarity()
    {
        await Testing.WithContextAsync(async db =>
        {
            db.Sounds.AddRange(
                TestData.Sound("thunder", TasteVector.Create(0.1, 0.1, 0.2, 0.9, 0.1)),
                TestData.Sound("shore", TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7)),
                TestData.Sound("unanalysed", null),
                TestData.Sound("gale", TasteVector.Create(0, 1, 0, 0.2, 0.1)));
            await db.SaveChangesAsync();
        });

        var result = await Testing.SendAsync(new FindNearestSoundsQuery(Taste, 2));

        result.Select(s => s.Title).ShouldBe(["shore", "thunder"]);
        result[0].Similarity.ShouldBe(0.964211, 1e-6);
        result[0].Type.ShouldBe("soundscape");
        result[0].DurationSeconds.ShouldBe(60);
    }

    [Test]
    public async Task FindNearestSounds_WhenLibraryHasNoEmbeddings_ReturnsNothing()
    {
        await Testing.WithContextAsync(async db => { db.Sounds.Add(TestData.Sound("unanalysed", null)); await db.SaveChangesAsync(); });

        (await Testing.SendAsync(new FindNearestSoundsQuery(Taste))).ShouldBeEmpty();
    }

    [TestCase(0)]
    [TestCase(101)]
    public async Task FindNearestSounds_WhenLimitIsOutOfRange_FailsValidationOnLimit(int limit)
    {
        var ex = await Should.ThrowAsync<RequestValidationException>(() => Testing.SendAsync(new FindNearestSoundsQuery(Taste, limit)));

        ex.Errors.Keys.ShouldBe(["limit"]);
    }

    [Test]
    public async Task FindNearestSounds_WhenTasteIsZeroOrNotFinite_FailsValidationNamingTheField()
    {
        var zero = await Should.ThrowAsync<RequestValidationException>(() => Testing.SendAsync(new FindNearestSoundsQuery(new TasteDto(0, 0, 0, 0, 0))));
        zero.Errors.Keys.ShouldBe(["taste"]);

        var nan = await Should.ThrowAsync<RequestValidationException>(() => Testing.SendAsync(new FindNearestSoundsQuery(Taste with { Fire = double.NaN })));
        nan.Errors.Keys.ShouldContain("taste.fire");
    }
}
