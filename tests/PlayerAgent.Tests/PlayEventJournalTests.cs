using System.Text;
using Soundscape.PlayerAgent.Reporting;
using Soundscape.PlayerAgent.Tests.Support;

namespace Soundscape.PlayerAgent.Tests;

public sealed class PlayEventJournalTests
{
    private TempFolder folder = null!;
    private string path = null!;

    [SetUp]
    public void SetUp()
    {
        folder = new TempFolder();
        path = folder.File("journal/play-journal.jsonl");
    }

    [TearDown]
    public void TearDown() => folder.Dispose();

    [Test]
    public void Append_WritesOneJsonLinePerReport_InTheDocumentedFormat()
    {
        var report = new PlayReport(Guid.Parse("0197a3c2-0000-7000-8000-000000000001"), Guid.Parse("0197a3c2-0000-7000-8000-0000000000aa"),
            PlayEventKind.Started, new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero), SoundId: Guid.Parse("0197a3c2-0000-7000-8000-0000000000bb"));
        using (var journal = new PlayEventJournal(path))
        {
            journal.Append(report);
            journal.Acknowledge(report.EventId);
        }

        File.ReadAllLines(path).ShouldBe([
            """{"kind":"report","eventId":"0197a3c2-0000-7000-8000-000000000001","queueItemId":"0197a3c2-0000-7000-8000-0000000000aa","event":"started","at":"2025-06-01T09:00:00+00:00","soundId":"0197a3c2-0000-7000-8000-0000000000bb"}""",
            """{"kind":"ack","eventId":"0197a3c2-0000-7000-8000-000000000001"}""",
        ]);
    }

    [Test]
    public void Pending_FromAJournalWrittenBeforeReportsSaidWhatPlayed_StillReadsItsReports()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, [
            """{"kind":"report","eventId":"0197a3c2-0000-7000-8000-000000000001","queueItemId":"0197a3c2-0000-7000-8000-0000000000aa","event":"ended","at":"2025-06-01T09:00:00+00:00"}""",
        ]);

        using var journal = new PlayEventJournal(path);

        journal.Pending().ShouldBe([new PlayReport(Guid.Parse("0197a3c2-0000-7000-8000-000000000001"), Guid.Parse("0197a3c2-0000-7000-8000-0000000000aa"),
            PlayEventKind.Ended, new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero))]);
    }

    [Test]
    public void Pending_AfterARestartMidStream_HasTheSameReportsInTheSameOrder()
    {
        var reports = Reports.Make(6);
        using (var first = new PlayEventJournal(path))
        {
            foreach (var report in reports[..5]) first.Append(report);
            first.Acknowledge(reports[0].EventId);
            first.Acknowledge(reports[1].EventId);
        }

        using (var second = new PlayEventJournal(path))
        {
            second.Pending().ShouldBe(reports[2..5]);
            second.Append(reports[5]);
            second.Acknowledge(reports[2].EventId);
        }

        using var third = new PlayEventJournal(path);
        third.Pending().ShouldBe(reports[3..6]);
    }

    [Test]
    public void Pending_WhenTheLastLineWasTornByACrash_IgnoresItAndLaterAppendsStayReadable()
    {
        var reports = Reports.Make(3);
        using (var journal = new PlayEventJournal(path))
        {
            journal.Append(reports[0]);
            journal.Append(reports[1]);
        }
        File.AppendAllText(path, """{"kind":"report","eventId":"0197a3c2-00""", Encoding.UTF8);

        using (var restarted = new PlayEventJournal(path))
        {
            restarted.Pending().ShouldBe(reports[..2]);
            restarted.Append(reports[2]);
        }

        File.ReadAllLines(path).Length.ShouldBe(3);
        using var again = new PlayEventJournal(path);
        again.Pending().ShouldBe(reports);
    }

    [Test]
    public void Acknowledge_WhenEnoughLinesAreObsolete_CompactsTheFileKeepingPendingInOrder()
    {
        var reports = Reports.Make(10);
        using (var journal = new PlayEventJournal(path, compactAfterLines: 8))
        {
            foreach (var report in reports) journal.Append(report);
            foreach (var report in reports[..4]) journal.Acknowledge(report.EventId);
            journal.Pending().ShouldBe(reports[4..]);
            journal.Acknowledge(reports[4].EventId);
            journal.Append(Reports.Make(1)[0] with { EventId = reports[0].EventId });
        }

        // Without compaction: 11 reports and 5 acks. With it (after the 4th ack): 6 pending, then 1 ack and 1 report.
        File.ReadAllLines(path).Length.ShouldBe(8);
        using var restarted = new PlayEventJournal(path);
        restarted.Pending().Select(r => r.EventId).ShouldBe([.. reports[5..].Select(r => r.EventId), reports[0].EventId]);
        File.Exists(path + ".tmp").ShouldBeFalse();
    }

    [Test]
    public void Construction_WhenACompactionWasInterruptedBeforeItsRename_KeepsTheOriginal()
    {
        var reports = Reports.Make(2);
        using (var journal = new PlayEventJournal(path))
        {
            foreach (var report in reports) journal.Append(report);
        }
        File.WriteAllText(path + ".tmp", """{"kind":"report","eventId":""");

        using var restarted = new PlayEventJournal(path);

        restarted.Pending().ShouldBe(reports);
        File.Exists(path + ".tmp").ShouldBeFalse();
    }

    [Test]
    public void Append_WhenTheIdIsAlreadyPending_KeepsOneCopy()
    {
        var report = Reports.Make(1)[0];
        using var journal = new PlayEventJournal(path);

        journal.Append(report);
        journal.Append(report);

        journal.Pending().ShouldBe([report]);
        journal.Acknowledge(report.EventId).ShouldBeTrue();
        journal.Acknowledge(report.EventId).ShouldBeFalse();
        journal.Pending().ShouldBeEmpty();
    }

    [Test]
    public void Construction_WhenAnotherInstanceHoldsTheFile_Refuses()
    {
        using var journal = new PlayEventJournal(path);

        Should.Throw<IOException>(() => new PlayEventJournal(path).Dispose());
    }

    [Test]
    public async Task WhenPending_CompletesOnceAReportIsAppended()
    {
        using var journal = new PlayEventJournal(path);
        var waiting = journal.WhenPendingAsync(CancellationToken.None);
        waiting.IsCompleted.ShouldBeFalse();

        journal.Append(Reports.Make(1)[0]);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
