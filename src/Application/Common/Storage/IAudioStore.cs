namespace Soundscape.Application.Common.Storage;

/// <summary>
/// Where audio files live, content-addressed by SHA-256 so one file is stored once: a local folder by default, an
/// S3-compatible bucket (Supabase Storage, MinIO, AWS) by configuration.
/// </summary>
public interface IAudioStore
{
    /// <summary>Stores the file at <paramref name="localPath"/> under a key made from its hash; storing it again is a no-op.</summary>
    Task<StoredAudio> SaveAsync(string localPath, string contentHash, string extension, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>How a reader gets the bytes: a local file to stream, or a (pre-signed) URL to send the client to.</summary>
    Task<AudioLocation> LocateAsync(string key, CancellationToken cancellationToken);
}

/// <param name="Key">The store's name for the file; kept in sounds.file_path.</param>
/// <param name="NewlyStored">False when the store already had these bytes; only a new file is removed again on failure.</param>
public sealed record StoredAudio(string Key, bool NewlyStored);

public abstract record AudioLocation;

public sealed record LocalAudioFile(string Path) : AudioLocation;

public sealed record RemoteAudio(Uri Url) : AudioLocation;
