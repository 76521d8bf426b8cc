using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Soundscape.PlayerAgent.Reporting;

/// <summary>
/// The play reports the server has not acknowledged yet, kept in an append-only JSON-lines file so none is lost
/// when the agent crashes or the server is unreachable. Each line is flushed to the disk before
/// <see cref="Append"/> or <see cref="Acknowledge"/> returns; acknowledgements are lines too, and the file is
/// rewritten without them (temp file + rename) once enough lines are obsolete. See docs/player-agent.md.
/// </summary>
public sealed class PlayEventJournal : IDisposable
{
    public const int DefaultCompactAfterLines = 512;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock gate = new();
    private readonly OrderedDictionary<Guid, PlayReport> pending = new();
    private readonly int compactAfterLines;
    private readonly ILogger logger;
    private FileStream file;
    private int obsoleteLines;
    private TaskCompletionSource? appended;
    private bool disposed;

    /// <param name="path">Created when missing, with its folder. One process at a time: a second writer fails to open it.</param>
    /// <param name="compactAfterLines">Rewrite the file once this many of its lines are acknowledged reports or acks.</param>
    public PlayEventJournal(string path, int compactAfterLines = DefaultCompactAfterLines, ILogger<PlayEventJournal>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(compactAfterLines);
        FilePath = Path.GetFullPath(path);
        this.compactAfterLines = compactAfterLines;
        this.logger = logger ?? NullLogger<PlayEventJournal>.Instance;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // A crash between writing the compacted copy and renaming it: the original is still complete.
        File.Delete(TempPath);
        file = Open(FilePath);
        Load();
        if (obsoleteLines >= compactAfterLines) Compact();
    }

    public string FilePath { get; }

    private string TempPath => FilePath + ".tmp";

    public int PendingCount
    {
        get { lock (gate) return pending.Count; }
    }

    /// <summary>Unacknowledged reports, oldest first (the order they were appended, across restarts).</summary>
    public IReadOnlyList<PlayReport> Pending()
    {
        lock (gate) return [.. pending.Values];
    }

    /// <summary>The oldest unacknowledged report: the one to deliver next.</summary>
    public bool TryPeek([NotNullWhen(true)] out PlayReport? report)
    {
        lock (gate)
        {
            report = pending.Count > 0 ? pending.GetAt(0).Value : null;
            return report is not null;
        }
    }

    /// <summary>Durably records a report (written and flushed to the disk on return). An id already pending is ignored.</summary>
    public void Append(PlayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (pending.ContainsKey(report.EventId)) return;
            Write(JournalLine.For(report));
            pending.Add(report.EventId, report);
            appended?.TrySetResult();
            appended = null;
        }
    }

    /// <summary>Marks a report delivered; false when it was not pending (already acknowledged, or unknown).</summary>
    public bool Acknowledge(Guid eventId)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!pending.ContainsKey(eventId)) return false;
            Write(JournalLine.Ack(eventId));
            pending.Remove(eventId);
            obsoleteLines += 2;
            if (obsoleteLines >= compactAfterLines) Compact();
            return true;
        }
    }

    /// <summary>Completes when at least one report is pending.</summary>
    public Task WhenPendingAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (pending.Count > 0) return Task.CompletedTask;
            appended ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return appended.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            file.Dispose();
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 4096); // an exclusive lock: a second agent on the same journal fails at start

    private static byte[] Encode(JournalLine line) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(line, Json), (byte)'\n'];

    /// <summary>One line, flushed through the OS cache; a failed write is cut back off so the file never keeps half a line.</summary>
    private void Write(JournalLine line)
    {
        var bytes = Encode(line);
        var end = file.Length;
        try
        {
            file.Seek(end, SeekOrigin.Begin);
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            TryTruncate(end);
            throw;
        }
    }

    private void TryTruncate(long length)
    {
        try
        {
            file.SetLength(length);
            file.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            logger.LogError(e, "Could not cut a failed write back off the play journal {Path}", FilePath);
        }
    }

    /// <summary>
    /// Replays the file. A last line without its newline is a write the crash interrupted (its Append never
    /// returned): it is dropped and cut off, so the next line starts clean.
    /// </summary>
    private void Load()
    {
        var content = new byte[file.Length];
        file.Seek(0, SeekOrigin.Begin);
        file.ReadExactly(content);

        var complete = content.AsSpan(0, content.AsSpan().LastIndexOf((byte)'\n') + 1);
        if (complete.Length < content.Length)
        {
            logger.LogWarning("Play journal {Path} ends with a torn line ({Bytes} bytes); dropping it", FilePath, content.Length - complete.Length);
            TryTruncate(complete.Length);
        }

        var lineNumber = 0;
        foreach (var range in complete.Split((byte)'\n'))
        {
            lineNumber++;
            var bytes = complete[range];
            if (bytes.IsEmpty) continue;
            var line = Parse(bytes, lineNumber);
            if (line?.Kind == JournalLineKind.Ack)
                obsoleteLines += pending.Remove(line.EventId) ? 2 : 1;
            else if (line?.ToReport() is not { } report || !pending.TryAdd(report.EventId, report))
                obsoleteLines++;
        }
        file.Seek(0, SeekOrigin.End);
    }

    private JournalLine? Parse(ReadOnlySpan<byte> bytes, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalLine>(bytes, Json);
        }
        catch (JsonException e)
        {
            // Only a disk fault gets here (writes are whole lines); keep the rest rather than refuse to start.
            logger.LogError(e, "Play journal {Path} line {Line} is unreadable ({Text}); skipping it", FilePath, lineNumber, Encoding.UTF8.GetString(bytes));
            return null;
        }
    }

    /// <summary>Writes the pending reports to a temp file, flushes it, and renames it over the journal (atomic on POSIX).</summary>
    private void Compact()
    {
        try
        {
            using (var temp = new FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                foreach (var report in pending.Values) temp.Write(Encode(JournalLine.For(report)));
                temp.Flush(flushToDisk: true);
            }
            File.Move(TempPath, FilePath, overwrite: true);
        }
        catch (IOException e)
        {
            // The journal is still whole, only longer than needed; try again on a later acknowledgement.
            logger.LogWarning(e, "Could not compact the play journal {Path}", FilePath);
            File.Delete(TempPath);
            return;
        }
        file.Dispose();
        file = Open(FilePath);
        file.Seek(0, SeekOrigin.End);
        obsoleteLines = 0;
    }
}
