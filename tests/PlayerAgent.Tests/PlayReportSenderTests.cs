using Soundscape.PlayerAgent.Reporting;
using Soundscape.PlayerAgent.Tests.Support;

namespace Soundscape.PlayerAgent.Tests;

public sealed class PlayReportSenderTests
{
    private TempFolder folder = null!;
    private string path = null!;
    private readonly List<TimeSpan> waits = [];

    [SetUp]
    public void SetUp()
    {
        folder = new TempFolder();
        path = folder.File("play-journal.jsonl");
        waits.Clear();
    }

    [TearDown]
    public void TearDown() => folder.Dispose();

    [Test]
    public async Task Deliver_WhenTheServerFails_StopsAtThatReportAndResumesInOrderWhenItIsBack()
    {
        var reports = Reports.Make(3);
        using var journal = new PlayEventJournal(path);
        foreach (var report in reports) journal.Append(report);
        var attempts = new List<PlayReport>();
        var failuresLeft = 3;
        var sender = new PlayReportSender(journal, (report, _) =>
        {
            attempts.Add(report);
            if (report == reports[1] && failuresLeft-- > 0)
                return failuresLeft == 1 ? throw new HttpRequestException("connection refused") : Task.FromResult(false);
            return Task.FromResult(true);
        }, delay: RecordWait);

        await sender.DeliverPendingAsync(CancellationToken.None);

        attempts.ShouldBe([reports[0], reports[1], reports[1], reports[1], reports[1], reports[2]]);
        waits.ShouldBe([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]);
        journal.Pending().ShouldBeEmpty();
    }

    [Test]
    public async Task Deliver_WhileTheServerStaysDown_DoublesTheWaitUpToThirtySecondsAndDropsNothing()
    {
        var reports = Reports.Make(2);
        using var journal = new PlayEventJournal(path);
        foreach (var report in reports) journal.Append(report);
        using var stop = new CancellationTokenSource();
        var sender = new PlayReportSender(journal, (_, _) => Task.FromResult(false), delay: (wait, _) =>
        {
            waits.Add(wait);
            if (waits.Count == 9) stop.Cancel();
            return Task.CompletedTask;
        });

        await Should.ThrowAsync<OperationCanceledException>(() => sender.DeliverPendingAsync(stop.Token));

        waits.Select(w => w.TotalSeconds).ShouldBe([0.5, 1, 2, 4, 8, 16, 30, 30, 30]);
        journal.Pending().ShouldBe(reports);
    }

    [Test]
    public async Task Deliver_WhenTheAcknowledgementWasLostInACrash_SendsTheReportAgainAndTheServerRecordsItOnce()
    {
        var reports = Reports.Make(2);
        var server = new DedupingServer();
        using (var beforeCrash = new PlayEventJournal(path))
        {
            foreach (var report in reports) beforeCrash.Append(report);
            // Sent and recorded, but the agent died before writing the acknowledgement.
            (await server.ReceiveAsync(reports[0], CancellationToken.None)).ShouldBeTrue();
        }

        using var afterCrash = new PlayEventJournal(path);
        afterCrash.Pending().ShouldBe(reports);
        await new PlayReportSender(afterCrash, server.ReceiveAsync, delay: RecordWait).DeliverPendingAsync(CancellationToken.None);

        server.Received.ShouldBe([reports[0], reports[0], reports[1]]);
        server.Recorded.ShouldBe([reports[0], reports[1]]);
        afterCrash.Pending().ShouldBeEmpty();
    }

    [Test]
    public async Task Run_DeliversReportsAppendedWhileItWaits_AndReturnsWhenCancelled()
    {
        var reports = Reports.Make(3);
        using var journal = new PlayEventJournal(path);
        var server = new DedupingServer();
        using var stop = new CancellationTokenSource();
        var allThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new PlayReportSender(journal, async (report, token) =>
        {
            var delivered = await server.ReceiveAsync(report, token);
            if (server.Recorded.Count == 3) allThree.TrySetResult();
            return delivered;
        }, delay: RecordWait);

        var running = sender.RunAsync(stop.Token);
        foreach (var report in reports) journal.Append(report);
        await allThree.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        server.Recorded.ShouldBe(reports);
        journal.Pending().ShouldBeEmpty();
    }

    private Task RecordWait(TimeSpan wait, CancellationToken cancellationToken)
    {
        waits.Add(wait);
        return Task.CompletedTask;
    }

    /// <summary>What the server promises: a report whose EventId it already has is answered "delivered" and not recorded again.</summary>
    private sealed class DedupingServer
    {
        private readonly Lock gate = new();

        public List<PlayReport> Received { get; } = [];

        public List<PlayReport> Recorded { get; } = [];

        public Task<bool> ReceiveAsync(PlayReport report, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                Received.Add(report);
                if (Recorded.All(r => r.EventId != report.EventId)) Recorded.Add(report);
            }
            return Task.FromResult(true);
        }
    }
}
