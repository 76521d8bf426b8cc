using System.Buffers.Binary;
using System.Text;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Playback;
using Soundscape.Audio.UnitTests.Support;

namespace Soundscape.Audio.UnitTests.Decoding;

/// <summary>
/// Big-endian WAV (RIFX) is refused as unsupported on every path in, never decoded as byte-swapped noise (ffmpeg
/// reads its samples as little-endian). Files are built byte by byte, all fields big-endian.
/// </summary>
public sealed class BigEndianWavTests
{
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory();

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    public static IEnumerable<TestCaseData> Files()
    {
        yield return new TestCaseData(1, 16, 1, "tone.wav").SetArgDisplayNames("mono 16-bit PCM", ".wav");
        yield return new TestCaseData(2, 24, 1, "tone.wav").SetArgDisplayNames("stereo 24-bit PCM", ".wav");
        yield return new TestCaseData(2, 32, 3, "tone.wav").SetArgDisplayNames("stereo float", ".wav");
        yield return new TestCaseData(1, 16, 1, "tone.mp3").SetArgDisplayNames("mono 16-bit PCM", "named .mp3");
    }

    [TestCaseSource(nameof(Files))]
    public async Task Open_BigEndianRifxWav_IsRefusedAsUnsupportedSayingWhy(int channels, int bits, int tag, string name)
    {
        string path = WriteRifx(name, channels, bits, tag);

        foreach (var decoder in (AudioDecoder[])[new AudioDecoder(), new AudioDecoder(ffmpegPath: null, ffprobePath: null)])
        {
            var opening = await Should.ThrowAsync<UnsupportedAudioException>(() => decoder.OpenAsync(path));
            var measuring = await Should.ThrowAsync<UnsupportedAudioException>(() => decoder.MeasureDurationAsync(path));

            opening.Message.ShouldContain("RIFX");
            measuring.Message.ShouldContain("RIFX");
        }
    }

    [Test]
    public void OpenWav_BigEndianRifxWav_IsRefusedAsUnsupported()
    {
        string path = WriteRifx("device.wav", 2, 16, 1);

        Should.Throw<UnsupportedAudioException>(() => AudioReaderSource.OpenWav(path)).Message.ShouldContain("RIFX");
    }

    // A 440 Hz tone at half scale, as a RIFX writer (sox -B) lays it out.
    private string WriteRifx(string name, int channels, int bits, int tag)
    {
        const int rate = 44_100;
        const int frames = 4_410;
        int bytes = bits / 8;
        var data = new byte[frames * channels * bytes];
        for (int i = 0; i < frames * channels; i++)
        {
            double x = 0.5 * Math.Sin(2 * Math.PI * 440 * (i / channels) / rate);
            Span<byte> at = data.AsSpan(i * bytes, bytes);
            switch (tag, bits)
            {
                case (3, 32):
                    BinaryPrimitives.WriteSingleBigEndian(at, (float)x);
                    break;
                case (1, 16):
                    BinaryPrimitives.WriteInt16BigEndian(at, (short)(x * 32_767));
                    break;
                case (1, 24):
                    int v = (int)(x * 8_388_607);
                    (at[0], at[1], at[2]) = ((byte)(v >> 16), (byte)(v >> 8), (byte)v);
                    break;
            }
        }

        var file = new MemoryStream();
        void Id(string id) => file.Write(Encoding.ASCII.GetBytes(id));
        void U32(uint value) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, value); file.Write(b); }
        void U16(ushort value) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, value); file.Write(b); }
        Id("RIFX");
        U32((uint)(4 + 8 + 16 + 8 + data.Length));
        Id("WAVE");
        Id("fmt ");
        U32(16);
        U16((ushort)tag);
        U16((ushort)channels);
        U32(rate);
        U32((uint)(rate * channels * bytes));
        U16((ushort)(channels * bytes));
        U16((ushort)bits);
        Id("data");
        U32((uint)data.Length);
        file.Write(data);

        string path = _temp.File($"{channels}-{bits}-{tag}-{name}");
        File.WriteAllBytes(path, file.ToArray());
        return path;
    }
}
