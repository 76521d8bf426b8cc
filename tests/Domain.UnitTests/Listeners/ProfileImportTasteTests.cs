using Soundscape.Domain.Common;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Vectors;

namespace Soundscape.Domain.UnitTests.Listeners;

public sealed class ProfileImportTasteTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void ImportTaste_OfAnyLength_StoresTheUnitVectorWithNoVelocity_AndASecondImportChangesNothing()
    {
        var profile = Profile.Create(Guid.NewGuid(), "Ada", Now);
        profile.ApplyLearnedTaste(TasteVector.Create(1, 0, 0, 0, 0), TasteVector.Create(0.1, 0, 0, 0, 0), Now);

        profile.ImportTaste(TasteVector.Create(0, 30, 0, 40, 0), Now.AddMinutes(1)).ShouldBeTrue();

        profile.PreferenceVector.ToArray().ShouldBe([0, 0.6, 0, 0.8, 0], tolerance: 1e-7);
        profile.PreferenceVector.Length.ShouldBe(1, tolerance: 1e-7);
        profile.PreferenceVelocity.IsZero.ShouldBeTrue();
        profile.UpdatedAt.ShouldBe(Now.AddMinutes(1));
        profile.ImportTaste(TasteVector.Create(0, 3, 0, 4, 0), Now.AddMinutes(2)).ShouldBeFalse();
        profile.UpdatedAt.ShouldBe(Now.AddMinutes(1));
    }

    [TestCase(0.0)]
    [TestCase(1e-30)]
    public void ImportTaste_WithoutADirection_IsRefusedNamingTheVector_AndKeepsTheTaste(double component)
    {
        var profile = Profile.Create(Guid.NewGuid(), "Ada", Now);

        var error = Should.Throw<DomainValidationException>(() => profile.ImportTaste(TasteVector.Create(component, 0, 0, 0, 0), Now));

        error.Field.ShouldBe("vector");
        profile.PreferenceVector.IsZero.ShouldBeTrue();
    }
}
