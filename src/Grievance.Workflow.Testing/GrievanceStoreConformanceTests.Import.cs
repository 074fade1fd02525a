using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Events;
using Grievance.Workflow.Import;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Grievance.Workflow.Testing;

// Bulk import: grievances from another system with their whole history, checked, batched, idempotent and resumable.
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// Grievances made by the engine elsewhere are imported with their history and contact details and read back field for field;
    /// their scorecards are the source's; an import run again skips them all; an imported open grievance takes the next command.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task Imported_grievances_read_back_as_they_were_and_a_rerun_skips_them()
    {
        if (Store is not IGrievanceImportStore)
        {
            Optional(nameof(IGrievanceImportStore));
            return; // optional: a store without it cannot be imported into
        }

        var (records, source) = await SourceRecordsAsync();
        var importer = new GrievanceImporter(Store);
        var reported = new List<ImportProgress>();

        var first = await importer.ImportAsync(Async(records), new ImportOptions { BatchSize = 4, RecordEvents = true }, new Progress(reported));
        var again = await importer.ImportAsync(Async(records), new ImportOptions { BatchSize = 4 });

        Assert.Equal(new ImportProgress(records.Count, records.Count, 0, 0), first.Totals);
        Assert.Equal(new ImportProgress(records.Count, 0, records.Count, 0), again.Totals);
        Assert.Equal(new long[] { 4, 8, 10 }, reported.Select(p => p.Imported));
        foreach (var record in records)
        {
            var id = record.Grievance.Id;
            Assert.Equal(record.Grievance, await Store.FindAsync(id, default));
            Assert.Equal(record.Grievance, await Store.FindByReferenceAsync(record.Grievance.ReferenceNumber, default));
            Assert.Equal(record.History, await Store.GetHistoryAsync(id, default));
            Assert.Equal(record.Contact, await Store.GetContactDetailsAsync(id, default));
        }

        if (Store is IOutboxStore outbox)
        {
            var imported = (await outbox.ReadAsync(0, 10_000, default)).Select(m => m.Event).Where(e => e.Type == GrievanceEventType.Imported).ToList();
            Assert.Equal(records.Select(r => (r.Grievance.Id, r.Grievance.Version, r.Grievance.Status)), imported.Select(e => (e.GrievanceId, e.Sequence, e.Status)));
        }

        if (Store is IGrievanceStatistics statistics)
        {
            // Ragged (from the rows) and whole days (from what the store keeps as it imports, such as daily rollups).
            var midnight = new DateTimeOffset(Start.UtcDateTime.Date, TimeSpan.Zero);
            foreach (var (from, to) in new[] { (Start, Start.AddDays(1)), (midnight.AddDays(-1), midnight.AddDays(3)) })
            {
                foreach (var dimension in Enum.GetValues<ScorecardDimension>())
                {
                    var query = new ScorecardQuery(dimension, from, to, Start.AddDays(40));
                    Assert.Equal(await source.GetScorecardsAsync(query, default), await statistics.GetScorecardsAsync(query, default));
                    if (Store is IGrievanceFlowReports flows)
                    {
                        var flowQuery = new FlowQuery(dimension, from, to);
                        Assert.Equal(await ((IGrievanceFlowReports)source).GetFlowsAsync(flowQuery, default), await flows.GetFlowsAsync(flowQuery, default));
                    }
                }
            }
        }

        var (workflow, clock, provider) = Engine(Store);
        await using (provider.ConfigureAwait(false))
        {
            clock.AdvanceTo(Start.AddDays(40));
            var open = records.First(r => r.Grievance.Status == GrievanceStatus.PendingWithOfficer).Grievance;
            var reportedNow = await workflow.ExecuteAsync(new ReportAction(open.Id, Actor.Officer(open.Officer!.Value, open.Department!.Value, open.Level), "Done after the import."));
            Assert.Equal(open.Version + 1, reportedNow.Entry.Sequence);
        }
    }

    /// <summary>
    /// Records no command could have made are refused, each with its position and a reason that names the field and never the
    /// text, and the others are imported; with <see cref="ImportOptions.StopOnInvalidRecord"/> the first one stops the import.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task An_import_refuses_records_no_command_could_have_made_and_stores_the_rest()
    {
        if (Store is not IGrievanceImportStore)
        {
            Optional(nameof(IGrievanceImportStore));
            return;
        }

        var (records, _) = await SourceRecordsAsync();
        var good = records[0];
        var h = good.History;
        var broken = new[]
        {
            good with { Grievance = good.Grievance with { Description = "secret \u0001 text" } },
            good with { History = h.Take(h.Count - 1).ToList() },
            good with { History = h.Select((e, i) => i == 1 ? e with { Sequence = 7 } : e).ToList() },
            good with { History = h.Select((e, i) => i == 0 ? e with { Action = GrievanceAction.AddNote } : e).ToList() },
            good with { History = h.Select((e, i) => i == h.Count - 1 ? e with { FromStatus = GrievanceStatus.Closed } : e).ToList() },
            good with { Grievance = good.Grievance with { Status = GrievanceStatus.Registered } },
            good with { History = h.Select((e, i) => i == 1 ? e with { CommandId = new CommandId("x") } : e).ToList() },
            good with { History = h.Select((e, i) => i == 1 ? e with { OccurredAt = Start.AddYears(-1) } : e).ToList() },
        };
        var mixed = broken.Concat(records.Skip(1)).ToList();

        var result = await new GrievanceImporter(Store).ImportAsync(Async(mixed));

        Assert.Equal(new ImportProgress(mixed.Count, records.Count - 1, 0, broken.Length), result.Totals);
        Assert.Equal(Enumerable.Range(0, broken.Length).Select(i => (long)i), result.Rejections.Select(r => r.Index));
        Assert.All(result.Rejections, r => Assert.Equal(good.Grievance.ReferenceNumber.Value, r.ReferenceNumber));
        Assert.DoesNotContain(result.Rejections, r => r.Reason.Contains("secret", StringComparison.Ordinal));
        Assert.Null(await Store.FindAsync(good.Grievance.Id, default));

        var stop = await Assert.ThrowsAsync<ImportRecordException>(async () => await new GrievanceImporter(Store).ImportAsync(Async([good, broken[2]]), new ImportOptions { StopOnInvalidRecord = true }));
        Assert.Equal(1, stop.Rejection.Index);
    }

    /// <summary>
    /// Closure ends every clock, so no closed grievance has a due time or a feedback deadline: an import of one that has either is
    /// refused, and a queue of closed grievances in due order, or due before a time, is empty on every store (a SQL store answers
    /// it without reading the closed rows, which no index keeps by due time).
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_closed_grievance_has_no_due_time_and_an_import_of_one_that_has_is_refused()
    {
        if (Store is not IGrievanceImportStore || Store is not Queries.IGrievanceQuery query)
        {
            Optional(nameof(IGrievanceImportStore));
            return;
        }

        var (records, _) = await SourceRecordsAsync();
        var closed = records.Where(r => r.Grievance.IsClosed).ToList();
        var first = closed[0];
        var clocked = new[]
        {
            first with { Grievance = first.Grievance with { DueAt = Start.AddDays(3) } },
            first with { Grievance = first.Grievance with { FeedbackDueAt = Start.AddDays(3) } },
        };

        var result = await new GrievanceImporter(Store).ImportAsync(Async([.. clocked, .. records]));

        Assert.Equal(new ImportProgress(clocked.Length + records.Count, records.Count, 0, clocked.Length), result.Totals);
        Assert.Equal([0L, 1L], result.Rejections.Select(r => r.Index));
        var byRegistration = await query.FindAsync(new Queries.GrievanceFilter { Status = GrievanceStatus.Closed }, 100, null, default);
        Assert.Equal(closed.Select(r => r.Grievance.Id).OrderBy(id => id.Value), byRegistration.Select(g => g.Id).OrderBy(id => id.Value));
        Assert.Empty(await query.FindAsync(new Queries.GrievanceFilter { Status = GrievanceStatus.Closed, Order = Queries.GrievanceOrder.DueTime }, 100, null, default));
        Assert.Empty(await query.FindAsync(new Queries.GrievanceFilter { Status = GrievanceStatus.Closed, DueBefore = Start.AddYears(1) }, 100, null, default));
    }

    /// <summary>An import that dies mid-way has stored whole batches only; run again from the start, it stores the rest and nothing twice.</summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task An_import_that_dies_mid_way_resumes_when_run_again()
    {
        if (Store is not IGrievanceImportStore)
        {
            Optional(nameof(IGrievanceImportStore));
            return;
        }

        var (records, _) = await SourceRecordsAsync();
        var importer = new GrievanceImporter(Store);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await importer.ImportAsync(Async(records, failAfter: 7), new ImportOptions { BatchSize = 3 }));
        var stored = 0;
        foreach (var record in records)
        {
            stored += await Store.FindAsync(record.Grievance.Id, default) is null ? 0 : 1;
        }

        var resumed = await importer.ImportAsync(Async(records), new ImportOptions { BatchSize = 3 });

        Assert.Equal(6, stored); // two whole batches; the third was being read when the source failed
        Assert.Equal(new ImportProgress(records.Count, records.Count - 6, 6, 0), resumed.Totals);
        foreach (var record in records)
        {
            Assert.Equal(record.History.Count, (await Store.GetHistoryAsync(record.Grievance.Id, default)).Count);
        }
    }

    /// <summary>Ten grievances run through the engine on an in-memory store, in every common state, exported as import records.</summary>
    private static async Task<(List<ImportedGrievance> Records, IGrievanceStatistics Source)> SourceRecordsAsync()
    {
        var source = new InMemoryGrievanceStore();
        var (workflow, clock, provider) = Engine(source);
        await using (provider.ConfigureAwait(false))
        {
            var ids = new List<GrievanceId>();
            for (var i = 0; i < 10; i++)
            {
                var contact = i % 2 == 0 ? new ContactDetails("सीता देवी", "+91-90000000" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)) : null;
                var g = (await workflow.RegisterAsync(new RegisterGrievance(Agent, Channel.Helpline1076, new GrievanceCategory(i % 3 == 0 ? "revenue" : "electricity"), new GrievanceLocation(i % 2 == 0 ? "Lucknow" : "Agra"), new Complainant("c-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), contact), "बिजली का बिल गलत — wrong bill"))).Grievance;
                ids.Add(g.Id);
            }

            clock.Advance(TimeSpan.FromDays(1));
            for (var i = 0; i < 6; i++)
            {
                var g = await source.FindAsync(ids[i], default);
                await workflow.ExecuteAsync(new ReportAction(ids[i], Actor.Officer(g!.Officer!.Value, g.Department!.Value, 1), "Bill corrected."));
            }

            clock.Advance(TimeSpan.FromDays(1));
            await workflow.ExecuteAsync(new RecordFeedback(ids[0], Agent, FeedbackResponse.Satisfied, rating: 5));
            await workflow.ExecuteAsync(new RecordFeedback(ids[1], Agent, FeedbackResponse.Dissatisfied, "Still wrong.", rating: 1));
            await workflow.ExecuteAsync(new AddNote(ids[2], Agent, "Called back."));
            await workflow.ExecuteAsync(new RejectGrievance(ids[7], Actor.Administrator("admin-1"), "not-maintainable", "Outside the desk's remit."));
            clock.Advance(TimeSpan.FromDays(20));
            await provider.GetRequiredService<Sweeping.IGrievanceSweeper>().SweepAsync(clock.GetUtcNow(), 100);

            var records = new List<ImportedGrievance>();
            foreach (var id in ids)
            {
                records.Add(new ImportedGrievance
                {
                    Grievance = (await source.FindAsync(id, default))!,
                    History = await source.GetHistoryAsync(id, default),
                    Contact = await source.GetContactDetailsAsync(id, default),
                });
            }

            return (records, source);
        }
    }

    private static async IAsyncEnumerable<ImportedGrievance> Async(IEnumerable<ImportedGrievance> records, int failAfter = int.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var read = 0;
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (read++ == failAfter)
            {
                throw new InvalidOperationException("The source broke off.");
            }

            await Task.Yield();
            yield return record;
        }
    }

    /// <summary>Records progress reports as they come, on the reporting thread (unlike <see cref="System.Progress{T}"/>).</summary>
    private sealed class Progress(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => reports.Add(value);
    }
}
