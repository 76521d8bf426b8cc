namespace Soundscape.Audio.UnitTests;

public sealed class AudioFormatTests
{
    [Test]
    public void Create_WithZeroChannels_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new AudioFormat(48_000, 0));

    [Test]
    public void Create_WithImplausibleRate_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new AudioFormat(12, 2));

    [Test]
    public void Formats_WithSameRateAndChannels_AreEqual() =>
        new AudioFormat(44_100, 2).ShouldBe(new AudioFormat(44_100, 2));
}
