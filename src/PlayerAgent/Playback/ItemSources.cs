using Soundscape.Application.Devices.Common;
using Soundscape.Audio;
using Soundscape.Audio.Decoding;
using Soundscape.Audio.Playback;
using Soundscape.PlayerAgent.Caching;

namespace Soundscape.PlayerAgent.Playback;

/// <summary>An item ready for the engine: its provider and what to close when it is done.</summary>
public sealed record OpenedItem(ISampleProvider Provider, IReadOnlyList<IDisposable> Resources);

/// <summary>Opens what the director plays; the director's tests replace it.</summary>
public interface IItemSources
{
    /// <summary>A queue item's audio, from the cache (downloaded when missing).</summary>
    /// <exception cref="HttpRequestException">Not cached and the server is unreachable.</exception>
    Task<OpenedItem> OpenAsync(DeviceQueueItemDto item, CancellationToken cancellationToken);

    /// <summary>A cached file by content hash, for the offline fallback.</summary>
    Task<OpenedItem> OpenCachedAsync(string contentHash, CancellationToken cancellationToken);

    /// <summary>Cached files, most recently used first.</summary>
    IReadOnlyList<string> CachedByRecency();
}

/// <summary>
/// Turns queue items into engine providers: a sound is its cached file decoded as it plays (WAV in-process, other
/// formats through ffmpeg); a mix is a <see cref="LayerMixer"/> with each layer's volume, loop and delay, and the
/// mix's duration.
/// </summary>
public sealed class ItemSources(AudioCache cache, Func<DeviceSoundDto, Uri> audioUri, AudioDecoder decoder, AudioFormat format) : IItemSources
{
    public async Task<OpenedItem> OpenAsync(DeviceQueueItemDto item, CancellationToken cancellationToken)
    {
        if (item.Sound is { } sound)
        {
            var source = await OpenFileAsync(await cache.GetAsync(Request(sound), cancellationToken), cancellationToken);
            return new OpenedItem(source, [source]);
        }
        var mix = item.Mix ?? throw new InvalidDataException($"Queue item {item.QueueItemId} has neither a sound nor a mix.");
        var sources = new List<AudioReaderSource>();
        try
        {
            foreach (var layer in mix.Layers.Take(LayerMixer.MaxLayers))
                sources.Add(await OpenFileAsync(await cache.GetAsync(Request(layer.Sound), cancellationToken), cancellationToken));
            return new OpenedItem(BuildMix(mix, sources, format), sources);
        }
        catch
        {
            sources.ForEach(s => s.Dispose());
            throw;
        }
    }

    public async Task<OpenedItem> OpenCachedAsync(string contentHash, CancellationToken cancellationToken)
    {
        // The URL matters only if the file no longer matches its hash; then the download fails and the file is skipped.
        var request = new CachedAudioRequest(audioUri(new DeviceSoundDto(Guid.Empty, "", 0, DeviceProtocol.AudioUrl(Guid.Empty), contentHash)), contentHash);
        var source = await OpenFileAsync(await cache.GetAsync(request, cancellationToken), cancellationToken);
        return new OpenedItem(source, [source]);
    }

    public IReadOnlyList<string> CachedByRecency() => cache.RecentlyUsed();

    /// <summary>
    /// The mix as the engine plays it: one layer per sound (at most <see cref="LayerMixer.MaxLayers"/>) with its
    /// volume (clamped to 0..1), loop and start delay, in <paramref name="mixFormat"/>, lasting the mix's duration
    /// (a mix without a positive duration ends with its last non-looping layer).
    /// </summary>
    public static LayerMixer BuildMix(DeviceMixDto mix, IReadOnlyList<ISampleProvider> layerSources, AudioFormat mixFormat)
    {
        var mixer = new LayerMixer(mixFormat);
        for (var i = 0; i < Math.Min(layerSources.Count, mix.Layers.Count); i++)
        {
            var layer = mix.Layers[i];
            mixer.AddLayer(layerSources[i], new LayerOptions((float)Math.Clamp(layer.Volume, 0, 1), layer.Loop, Math.Max(0, layer.DelaySeconds)));
        }
        if (mix.DurationSeconds > 0)
            mixer.Duration = TimeSpan.FromSeconds(mix.DurationSeconds);
        return mixer;
    }

    private CachedAudioRequest Request(DeviceSoundDto sound) => new(audioUri(sound), sound.ContentHash);

    private async Task<AudioReaderSource> OpenFileAsync(string path, CancellationToken cancellationToken)
    {
        IAudioReader? first = await decoder.OpenAsync(path, cancellationToken);
        // Looping layers rewind by reopening; that happens on the audio thread, where only a blocking open fits.
        return new AudioReaderSource(() =>
        {
            var reader = first ?? decoder.OpenAsync(path).GetAwaiter().GetResult();
            first = null;
            return reader;
        });
    }
}
