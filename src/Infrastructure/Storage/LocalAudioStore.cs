using Soundscape.Application.Common.Storage;

namespace Soundscape.Infrastructure.Storage;

/// <summary>A folder of content-addressed files (".audio/" by default).</summary>
internal sealed class LocalAudioStore(AudioStoreOptions options) : IAudioStore
{
    private readonly string _root = Path.GetFullPath(options.Path);

    public async Task<StoredAudio> SaveAsync(string localPath, string contentHash, string extension, CancellationToken cancellationToken)
    {
        var key = AudioKeys.For(contentHash, extension);
        var target = PathOf(key);
        if (File.Exists(target))
            return new StoredAudio(key, false);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Copy beside the target, then rename: a reader never sees half a file, and a crash leaves only a temp file.
        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
            await using (var destination = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                await source.CopyToAsync(destination, cancellationToken);
            File.Move(partial, target, overwrite: false);
            return new StoredAudio(key, true);
        }
        catch (IOException) when (File.Exists(target))
        {
            // Another request stored the same bytes first: same content, same name.
            return new StoredAudio(key, false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task<AudioLocation> LocateAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<AudioLocation>(new LocalAudioFile(PathOf(key)));

    private string PathOf(string key) => Path.Combine(_root, AudioKeys.Validate(key));
}
