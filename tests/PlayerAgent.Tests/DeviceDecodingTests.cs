using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Soundscape.Application.Devices.Common;
using Soundscape.Audio;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Playback;
using Soundscape.Audio.Wav;
using Soundscape.PlayerAgent.Caching;
using Soundscape.PlayerAgent.Playback;
using Soundscape.PlayerAgent.Server;
using Soundscape.PlayerAgent.Tests.Support;

namespace Soundscape.PlayerAgent.Tests;

/// <summary>
/// Files as the agent plays them: downloaded into the cache, decoded, queued on the stereo engine. A 5.1 file is
/// measured per output channel in dBFS (the centre on both sides at −3 dB, the LFE on neither, each other speaker on
/// its side); a RIFX file is refused, not played as noise; NaN samples never reach the output.
/// </summary>
public sealed class DeviceDecodingTests
{
    private const int Rate = 48_000;
    private const double Amplitude = 0.25;

    // FL, FR, FC, LFE, BL, BR: the layout a 6-channel WAV without a channel mask has. Even tones: whole cycles in 0.5 s.
    private static readonly int[] ToneHz = [300, 500, 700, 60, 1100, 1300];
    private static readonly (double? Left, double? Right)[] Expected = [(0, null), (null, 0), (-3.01, -3.01), (null, null), (-3.01, null), (null, -3.01)];

    private TempFolder _folder = null!;
    private AudioTestServer _server = null!;
    private HttpClient _http = null!;
    private AudioCache _cache = null!;
    private byte[] _file = null!;

    [SetUp]
    public async Task ServeASurroundFileAsync()
    {
        _folder = new TempFolder();
        _file = SurroundWav();
        _server = await AudioTestServer.StartAsync(app => app.Map("/api/sounds/{id:guid}/audio", (HttpContext context) => AudioTestServer.ServeAsync(context, _file)));
        _http = AgentHttpClient.Create(_server.BaseAddress, "device-key");
        _cache = new AudioCache(_http, Path.Combine(_folder.Path, "cache"), long.MaxValue);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _cache.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task PlayingASurroundSound_OnTheStereoEngine_PlacesEverySpeakerByTheLayout()
    {
        var sound = new DeviceSoundDto(Guid.NewGuid(), "surround", 2, DeviceProtocol.AudioUrl(Guid.NewGuid()), AudioTestServer.Hash(_file));
        var opened = await Sources().OpenAsync(new DeviceQueueItemDto(Guid.NewGuid(), 0, "sound", sound, null), CancellationToken.None);
        var engine = new CrossfadeQueue(AgentLoop.EngineFormat);
        engine.Enqueue(opened.Provider);

        ShouldPlaceEverySpeaker(ReadMiddle(engine));
        opened.Resources.ToList().ForEach(r => r.Dispose());
    }

    [Test]
    public async Task PlayingAMixWithASurroundLayer_PlacesEverySpeakerByTheLayout()
    {
        var sound = new DeviceSoundDto(Guid.NewGuid(), "surround", 2, DeviceProtocol.AudioUrl(Guid.NewGuid()), AudioTestServer.Hash(_file));
        var mix = new DeviceMixDto(Guid.NewGuid(), "one layer", 2, [new DeviceMixLayerDto(sound, 1, false, 0)]);
        var opened = await Sources().OpenAsync(new DeviceQueueItemDto(Guid.NewGuid(), 0, "mix", null, mix), CancellationToken.None);

        opened.Provider.Format.ShouldBe(AgentLoop.EngineFormat);
        ShouldPlaceEverySpeaker(ReadMiddle(opened.Provider));
        opened.Resources.ToList().ForEach(r => r.Dispose());
    }

    [Test]
    public async Task OpeningABigEndianRifxSound_IsRefusedInsteadOfPlayedAsNoise()
    {
        _file = SurroundWav();
        "RIFX"u8.CopyTo(_file); // the header says big-endian; the rest does not matter, nothing may decode it

        var error = await Should.ThrowAsync<UnsupportedAudioException>(() => Sources().OpenAsync(SoundItem(), CancellationToken.None));

        error.Message.ShouldContain("RIFX");
    }

    [Test]
    public async Task PlayingAFloatWavWithNaNAndInfinity_OutputsOnlyFiniteSamples_ThroughTheLimiter()
    {
        var samples = new float[Rate * 2];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(0.99 * Math.Sin(2 * Math.PI * 440 * (i / 2) / Rate));
        foreach (var at in (int[])[0, 1, 999, 4_096, 40_001, 95_998])
            samples[at] = at % 3 == 0 ? float.NaN : at % 3 == 1 ? float.PositiveInfinity : float.NegativeInfinity;
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, AgentLoop.EngineFormat, WavSampleEncoding.Float32, leaveOpen: true))
            writer.Write(samples);
        _file = stream.ToArray();
        var opened = await Sources().OpenAsync(SoundItem(), CancellationToken.None);
        var engine = new CrossfadeQueue(AgentLoop.EngineFormat);
        engine.Enqueue(opened.Provider);

        var output = new float[samples.Length];
        new Limiter(engine).Read(output);

        output.ShouldAllBe(s => float.IsFinite(s) && Math.Abs(s) <= 1f);
        opened.Resources.ToList().ForEach(r => r.Dispose());
    }

    private DeviceQueueItemDto SoundItem() =>
        new(Guid.NewGuid(), 0, "sound", new DeviceSoundDto(Guid.NewGuid(), "file", 1, DeviceProtocol.AudioUrl(Guid.NewGuid()), AudioTestServer.Hash(_file)), null);

    private ItemSources Sources() => new(_cache, s => _server.Url(s.AudioUrl), new AudioDecoder(), AgentLoop.EngineFormat);

    // Half a second from 0.75 s on: clear of any fade at the start and the end of the 2 s file.
    private static float[] ReadMiddle(ISampleProvider provider)
    {
        var skip = new float[(int)(0.75 * Rate) * 2];
        provider.Read(skip);
        var middle = new float[Rate / 2 * 2];
        provider.Read(middle).ShouldBe(middle.Length);
        return middle;
    }

    private static void ShouldPlaceEverySpeaker(float[] stereo)
    {
        var source = Db(Amplitude / Math.Sqrt(2));
        for (var speaker = 0; speaker < ToneHz.Length; speaker++)
        {
            for (var side = 0; side < 2; side++)
            {
                var level = Db(ToneRms(stereo, side, ToneHz[speaker]) + 1e-12);
                var expected = side == 0 ? Expected[speaker].Left : Expected[speaker].Right;
                var where = $"speaker {speaker} ({ToneHz[speaker]} Hz) on the {(side == 0 ? "left" : "right")}";
                if (expected is { } db)
                    level.ShouldBe(source + db, 0.2, where);
                else
                    level.ShouldBeLessThan(source - 60, where);
            }
        }
    }

    private static byte[] SurroundWav()
    {
        var samples = new float[2 * Rate * 6];
        for (var f = 0; f < 2 * Rate; f++)
        {
            for (var c = 0; c < 6; c++)
                samples[f * 6 + c] = (float)(Amplitude * Math.Sin(2 * Math.PI * ToneHz[c] * f / Rate));
        }
        var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, new AudioFormat(Rate, 6), WavSampleEncoding.Float32, leaveOpen: true))
            writer.Write(samples);
        return stream.ToArray();
    }

    private static double Db(double ratio) => 20 * Math.Log10(ratio);

    // RMS of one frequency on one channel of interleaved stereo (a single DFT bin).
    private static double ToneRms(float[] stereo, int side, double hz)
    {
        double re = 0, im = 0;
        var frames = stereo.Length / 2;
        for (var i = 0; i < frames; i++)
        {
            var phase = 2 * Math.PI * hz * i / Rate;
            re += stereo[i * 2 + side] * Math.Cos(phase);
            im += stereo[i * 2 + side] * Math.Sin(phase);
        }
        return 2 * Math.Sqrt(re * re + im * im) / frames / Math.Sqrt(2);
    }
}
