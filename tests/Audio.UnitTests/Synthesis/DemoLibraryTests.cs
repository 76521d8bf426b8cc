using Soundscape.Audio.Decoding;
using Soundscape.Audio.Synthesis;
using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Synthesis;

public sealed class DemoLibraryTests
{
    [Test]
    public void Library_HasAtLeastTwelveTracksOfBothKindsWithCatalogueData()
    {
        IReadOnlyList<DemoTrack> tracks = DemoLibrary.Tracks;

        tracks.Count.ShouldBeGreaterThanOrEqualTo(12);
        tracks.ShouldAllBe(t => t.Seconds >= 30 && t.Seconds <= 120 && t.Artist == "Soundscape demo" && t.Title.Length > 0);
        tracks.Select(t => t.Title).ShouldBeUnique();
        tracks.Select(t => t.FileName).ShouldBeUnique();
        tracks.Count(t => t.Type == "instrumental").ShouldBeInRange(1, 2);
        tracks.Count(t => t.Type == "soundscape").ShouldBeGreaterThanOrEqualTo(10);
    }

    [Test]
    public async Task WriteAll_TheSameTrackTwice_WritesByteIdenticalStereoPcm16Files()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        DemoTrack track = DemoLibrary.Tracks.OrderBy(t => t.Seconds).First();

        string path = DemoLibrary.WriteAll(first.Path, [track]).Single();
        string again = DemoLibrary.WriteAll(second.Path, [track]).Single();

        (await ContentHash.Sha256HexAsync(path)).ShouldBe(await ContentHash.Sha256HexAsync(again));
        using var reader = WavReader.Open(path);
        reader.Format.ShouldBe(new AudioFormat(44_100, 2));
        reader.Encoding.ShouldBe(WavSampleEncoding.Pcm16);
        reader.Duration.ShouldBe(TimeSpan.FromSeconds(track.Seconds));
        Path.GetFileName(path).ShouldBe(track.FileName);
    }
}
