using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Soundscape.PlayerAgent.Caching;

/// <summary>
/// Local copies of the queue's audio, named by SHA-256 so a sound used by several queue items or mixes is stored
/// once. Downloads land in <c>&lt;hash&gt;.partial</c>, resume with a Range request when cut, and become
/// <c>&lt;hash&gt;</c> only once their hash matches. Least recently used files are evicted beyond the size cap,
/// except pinned ones (the current and next queue items) and those being fetched. See docs/player-agent.md.
/// </summary>
public sealed class AudioCache : IDisposable
{
    private const string PartialSuffix = ".partial";
    private const int MaxAttempts = 2;
    private const int MaxResumes = 5;
    private static readonly TimeSpan StalePartialAge = TimeSpan.FromDays(1);

    private readonly HttpClient http;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly TimeSpan stallTimeout;
    private readonly Lock gate = new();
    private readonly Dictionary<string, CacheEntry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<string>> downloads = new(StringComparer.Ordinal);
    // The ETag of the entity a partial came from, for If-Range; in memory only (after a restart the hash check suffices).
    private readonly Dictionary<string, EntityTagHeaderValue> partialTags = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource lifetime = new();
    private HashSet<string> pinned = new(StringComparer.Ordinal);
    private long totalBytes;
    private DateTime lastStampUtc;
    private bool disposed;

    /// <param name="http">Carries the base address and the device key; see <see cref="Server.AgentHttpClient"/>.</param>
    /// <param name="folder">Created when missing; scanned now (files are hashed lazily, on first use).</param>
    /// <param name="maxBytes">The cap for complete files; partial downloads are not counted.</param>
    /// <param name="stallTimeout">A download that receives nothing for this long counts as cut (default 30 s).</param>
    public AudioCache(HttpClient http, string folder, long maxBytes, ILogger<AudioCache>? logger = null,
        TimeProvider? time = null, TimeSpan? stallTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        this.http = http;
        Folder = Path.GetFullPath(folder);
        MaxBytes = maxBytes;
        this.logger = logger ?? NullLogger<AudioCache>.Instance;
        this.time = time ?? TimeProvider.System;
        this.stallTimeout = stallTimeout ?? TimeSpan.FromSeconds(30);
        Directory.CreateDirectory(Folder);
        Scan();
    }

    public string Folder { get; }

    public long MaxBytes { get; }

    /// <summary>Bytes held by complete files.</summary>
    public long TotalBytes
    {
        get { lock (gate) return totalBytes; }
    }

    /// <summary>True when a complete file is present (verified in this process or not yet): prefetching it is pointless.</summary>
    public bool Contains(string contentHash)
    {
        var hash = ContentHash.Normalize(contentHash);
        lock (gate) return entries.ContainsKey(hash);
    }

    /// <summary>The path of a file already verified in this process, without any I/O beyond marking it used.</summary>
    public bool TryGetPath(string contentHash, [NotNullWhen(true)] out string? path)
    {
        var hash = ContentHash.Normalize(contentHash);
        lock (gate)
        {
            if (entries.TryGetValue(hash, out var entry) && entry.Verified)
            {
                Touch(entry);
                path = PathOf(hash);
                return true;
            }
        }
        path = null;
        return false;
    }

    /// <summary>The complete files, most recently used first (the order eviction works from the other end of).</summary>
    public IReadOnlyList<string> RecentlyUsed()
    {
        lock (gate)
            return entries.Values.OrderByDescending(e => e.LastUsedUtc).Select(e => e.Hash).ToList();
    }

    /// <summary>
    /// Replaces the set of files eviction must leave alone — the current and next queue items. Pin a file before
    /// playing it: an unpinned file may be deleted by any later download.
    /// </summary>
    public void SetPinned(IEnumerable<string> contentHashes)
    {
        var next = contentHashes.Select(ContentHash.Normalize).ToHashSet(StringComparer.Ordinal);
        lock (gate)
        {
            pinned = next;
            Evict(protect: null);
        }
    }

    /// <summary>
    /// The local path of the verified file, downloading it when needed. Concurrent calls for one hash share one
    /// download; cancelling a call abandons the wait, not the shared download (it is stopped by <see cref="Dispose"/>).
    /// </summary>
    /// <exception cref="AudioIntegrityException">Two downloads in a row did not match the hash.</exception>
    /// <exception cref="HttpRequestException">The server is unreachable or refused; a partial download is kept to resume.</exception>
    public Task<string> GetAsync(CachedAudioRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hash = ContentHash.Normalize(request.ContentHash);
        Task<string>? download;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (entries.TryGetValue(hash, out var entry) && entry.Verified)
            {
                Touch(entry);
                return Task.FromResult(PathOf(hash));
            }
            if (!downloads.TryGetValue(hash, out download))
            {
                // Started on the pool, so its clean-up (which takes the lock) cannot run before it is registered.
                download = Task.Run(() => FetchAsync(hash, request, lifetime.Token), CancellationToken.None);
                downloads[hash] = download;
            }
        }
        return download.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
        }
        lifetime.Cancel();
        lifetime.Dispose();
    }

    private string PathOf(string hash) => Path.Combine(Folder, hash);

    private string PartialPathOf(string hash) => Path.Combine(Folder, hash + PartialSuffix);

    private async Task<string> FetchAsync(string hash, CachedAudioRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (await TryVerifyExistingAsync(hash, cancellationToken)) return PathOf(hash);

            var partial = PartialPathOf(hash);
            for (var attempt = 1; ; attempt++)
            {
                await DownloadAsync(hash, request, partial, cancellationToken);
                var actual = await ContentHash.OfFileAsync(partial, cancellationToken);
                if (actual == hash)
                {
                    File.Move(partial, PathOf(hash), overwrite: true);
                    Add(hash);
                    return PathOf(hash);
                }

                File.Delete(partial);
                lock (gate) partialTags.Remove(hash);
                if (attempt == MaxAttempts) throw new AudioIntegrityException(request.Url, hash, actual, attempt);
                logger.LogWarning("Audio from {Url} hashed to {Actual}, expected {Expected}; discarded, fetching again", request.Url, actual, hash);
            }
        }
        finally
        {
            lock (gate) downloads.Remove(hash);
        }
    }

    /// <summary>A file found at start-up is trusted only once its bytes hash right; a bad one is deleted and fetched.</summary>
    private async Task<bool> TryVerifyExistingAsync(string hash, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!entries.ContainsKey(hash)) return false;
        }
        var path = PathOf(hash);
        var actual = File.Exists(path) ? await ContentHash.OfFileAsync(path, cancellationToken) : null;
        lock (gate)
        {
            if (!entries.TryGetValue(hash, out var entry)) return false;
            if (actual == hash)
            {
                entry.Verified = true;
                Touch(entry);
                return true;
            }
            entries.Remove(hash);
            totalBytes -= entry.Size;
        }
        logger.LogWarning("Cached audio {Hash} no longer matches its hash (got {Actual}); deleting it and fetching again", hash, actual ?? "no file");
        File.Delete(path);
        return false;
    }

    /// <summary>Fills the partial file: from scratch, or from where it stopped with a Range request.</summary>
    private async Task DownloadAsync(string hash, CachedAudioRequest request, string partial, CancellationToken cancellationToken)
    {
        for (var resumes = 0; ; resumes++)
        {
            var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            if (request.Size is { } size && have > size)
            {
                File.Delete(partial);
                have = 0;
            }
            // Already complete (e.g. cut just before the end was noticed): the hash decides.
            if (have > 0 && have == request.Size) return;

            using var message = new HttpRequestMessage(HttpMethod.Get, request.Url);
            if (have > 0)
            {
                message.Headers.Range = new RangeHeaderValue(have, null);
                lock (gate)
                {
                    if (partialTags.TryGetValue(hash, out var tag)) message.Headers.IfRange = new RangeConditionHeaderValue(tag);
                }
            }

            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            // The partial already holds everything the server has; the hash decides whether it is right.
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0) return;
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException(
                    $"Fetching audio {hash} from {request.Url} failed: {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);

            var resuming = response.StatusCode == HttpStatusCode.PartialContent;
            if (resuming && response.Content.Headers.ContentRange?.From != have)
            {
                // Not the range asked for: the bytes cannot be placed, so start over.
                logger.LogWarning("Server answered range {Range} for audio {Hash} when bytes={Have}- was asked; starting over",
                    response.Content.Headers.ContentRange, hash, have);
                File.Delete(partial);
                continue;
            }
            if (!resuming && have > 0)
                logger.LogInformation("Server sent all of audio {Hash} instead of the range from {Have}; starting over", hash, have);
            if (response.Headers.ETag is { IsWeak: false } etag)
            {
                lock (gate) partialTags[hash] = etag;
            }

            var start = resuming ? have : 0;
            try
            {
                await CopyBodyAsync(response, partial, append: resuming, cancellationToken);
                return;
            }
            catch (Exception cut) when ((cut is IOException or HttpRequestException or OperationCanceledException)
                                        && !cancellationToken.IsCancellationRequested)
            {
                var now = File.Exists(partial) ? new FileInfo(partial).Length : 0;
                if (now <= start || resumes >= MaxResumes) throw;
                logger.LogInformation("Download of audio {Hash} cut at {Bytes} bytes ({Reason}); resuming", hash, now, cut.Message);
            }
        }
    }

    private async Task CopyBodyAsync(HttpResponseMessage response, string partial, bool append, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        // A connection that goes silent would otherwise hang forever: each read gets its own deadline.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffer = new byte[1 << 16];
        while (true)
        {
            stall.CancelAfter(stallTimeout);
            var read = await body.ReadAsync(buffer, stall.Token);
            if (read == 0) return;
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private void Add(string hash)
    {
        var size = new FileInfo(PathOf(hash)).Length;
        lock (gate)
        {
            if (entries.Remove(hash, out var old)) totalBytes -= old.Size;
            partialTags.Remove(hash);
            var entry = new CacheEntry(hash, size, verified: true, DateTime.MinValue);
            entries[hash] = entry;
            totalBytes += size;
            Touch(entry);
            Evict(protect: hash);
        }
    }

    /// <summary>Least recently used first; the file just added, pinned files and files being fetched are never evicted.</summary>
    private void Evict(string? protect)
    {
        if (totalBytes <= MaxBytes) return;
        var candidates = entries.Values
            .Where(e => e.Hash != protect && !pinned.Contains(e.Hash) && !downloads.ContainsKey(e.Hash))
            .OrderBy(e => e.LastUsedUtc)
            .ToList();
        foreach (var victim in candidates)
        {
            if (totalBytes <= MaxBytes) return;
            try
            {
                File.Delete(PathOf(victim.Hash));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not evict cached audio {Hash}", victim.Hash);
                continue;
            }
            entries.Remove(victim.Hash);
            totalBytes -= victim.Size;
            logger.LogDebug("Evicted cached audio {Hash} ({Size} bytes)", victim.Hash, victim.Size);
        }
        if (totalBytes > MaxBytes)
            logger.LogWarning("Audio cache holds {Total} bytes, over its cap of {Max}: the rest is pinned or in use", totalBytes, MaxBytes);
    }

    /// <summary>
    /// Records a use: in memory for ordering (strictly increasing, so quick successive uses keep their order) and as
    /// the file's modification time, which is how the order survives a restart (access times are unreliable: noatime).
    /// </summary>
    private void Touch(CacheEntry entry)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lastStampUtc = now > lastStampUtc ? now : lastStampUtc.AddTicks(1);
        entry.LastUsedUtc = lastStampUtc;
        try
        {
            File.SetLastWriteTimeUtc(PathOf(entry.Hash), lastStampUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(e, "Could not stamp cached audio {Hash}", entry.Hash);
        }
    }

    /// <summary>
    /// Complete files become unverified entries (hashed on first use: hashing a 2 GiB cache at boot would delay the
    /// first sound). Partial files younger than a day are kept to resume; older ones are deleted as abandoned.
    /// </summary>
    private void Scan()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            if (ContentHash.IsValid(file.Name))
            {
                entries[file.Name] = new CacheEntry(file.Name, file.Length, verified: false, file.LastWriteTimeUtc);
                totalBytes += file.Length;
                if (file.LastWriteTimeUtc > lastStampUtc) lastStampUtc = file.LastWriteTimeUtc;
            }
            else if (file.Name.EndsWith(PartialSuffix, StringComparison.Ordinal)
                     && ContentHash.IsValid(file.Name[..^PartialSuffix.Length])
                     && now - file.LastWriteTimeUtc > StalePartialAge)
            {
                logger.LogInformation("Deleting abandoned partial download {File}", file.Name);
                file.Delete();
            }
        }
        lock (gate) Evict(protect: null);
    }
}
