using Microsoft.Extensions.Logging.Abstractions;

namespace Soundscape.PlayerAgent.Reporting;

/// <summary>
/// Delivers the journal's reports to the server strictly in order: the oldest is sent until the server takes it,
/// and only then the next, so a history is never reordered or gapped. A report is acknowledged in the journal only
/// after delivery, so a crash in between sends it again — the server ignores an EventId it already recorded.
/// </summary>
public sealed class PlayReportSender
{
    public static readonly TimeSpan DefaultInitialBackoff = TimeSpan.FromSeconds(0.5);
    public static readonly TimeSpan DefaultMaxBackoff = TimeSpan.FromSeconds(30);

    private readonly PlayEventJournal journal;
    private readonly Func<PlayReport, CancellationToken, Task<bool>> deliver;
    private readonly ILogger logger;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly TimeSpan initialBackoff;
    private readonly TimeSpan maxBackoff;

    /// <param name="deliver">
    /// Sends one report; true when the server has it (including "already recorded"), false or an exception when it
    /// could not be reached or refused for now.
    /// </param>
    /// <param name="delay">The wait between failed attempts; tests pass one that does not sleep.</param>
    public PlayReportSender(
        PlayEventJournal journal,
        Func<PlayReport, CancellationToken, Task<bool>> deliver,
        ILogger<PlayReportSender>? logger = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null,
        TimeSpan? initialBackoff = null,
        TimeSpan? maxBackoff = null)
    {
        this.journal = journal ?? throw new ArgumentNullException(nameof(journal));
        this.deliver = deliver ?? throw new ArgumentNullException(nameof(deliver));
        this.logger = logger ?? NullLogger<PlayReportSender>.Instance;
        this.delay = delay ?? Task.Delay;
        this.initialBackoff = initialBackoff ?? DefaultInitialBackoff;
        this.maxBackoff = maxBackoff ?? DefaultMaxBackoff;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.initialBackoff, TimeSpan.Zero, nameof(initialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(this.maxBackoff, this.initialBackoff, nameof(maxBackoff));
    }

    /// <summary>Waits for reports and delivers them until cancelled; returns (does not throw) on cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await journal.WhenPendingAsync(cancellationToken);
                await DeliverPendingAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Delivers until the journal has nothing pending, retrying the oldest report with exponential back-off.</summary>
    public async Task DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var backoff = initialBackoff;
        while (journal.TryPeek(out var report))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TryDeliverAsync(report, cancellationToken))
            {
                journal.Acknowledge(report.EventId);
                backoff = initialBackoff;
                continue;
            }
            await delay(backoff, cancellationToken);
            backoff = backoff * 2 < maxBackoff ? backoff * 2 : maxBackoff;
        }
    }

    private async Task<bool> TryDeliverAsync(PlayReport report, CancellationToken cancellationToken)
    {
        try
        {
            if (await deliver(report, cancellationToken)) return true;
            logger.LogInformation("Play report {EventId} not delivered; {Pending} waiting, retrying", report.EventId, journal.PendingCount);
            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Play report {EventId} not delivered ({Reason}); {Pending} waiting, retrying", report.EventId, e.Message, journal.PendingCount);
            return false;
        }
    }
}
