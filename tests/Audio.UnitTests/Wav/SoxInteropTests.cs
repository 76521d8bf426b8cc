using Soundscape.Audio.UnitTests.Support;
using Soundscape.Audio.Wav;

namespace Soundscape.Audio.UnitTests.Wav;

public sealed class SoxInteropTests
{
    [Test]
    public void Read_24BitStereoFileWrittenBySox_HasTheRightFormatAndA440HzPeak()
    {
        using var temp = new TempDirectory();
        string path = temp.File("sine.wav");
        ExternalTool.RunOrIgnore("sox", "-n", "-r", "44100", "-c", "2", "-b", "24", path, "synth", "0.5", "sine", "440");

        using var reader = WavReader.Open(path);
        float[] samples = TestSignals.ReadAll(reader);

        reader.Format.ShouldBe(new AudioFormat(44_100, 2));
        reader.Encoding.ShouldBe(WavSampleEncoding.Pcm24);
        reader.TotalFrames.ShouldBe(22_050);
        samples.Length.ShouldBe(44_100);
        TestSignals.DominantFrequency(TestSignals.FirstChannel(samples, 2), 44_100).ShouldBe(440, tolerance: 2);
    }
}
