using System;
using System.Linq;
using System.Threading.Tasks;
using Grievance.Workflow.Import;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Storage;
using Xunit;

namespace Grievance.Workflow.Testing;

// A first load with the secondary indexes taken down and built again after it (ImportOptions.DeferIndexes).
public abstract partial class GrievanceStoreConformanceTests
{
    /// <summary>
    /// An import that defers the store's secondary indexes (a store without <see cref="IImportIndexStore"/> ignores the option) stores the same grievances, still skips duplicates while they are down
    /// (keys and unique indexes stay), builds every index again at the end, writes the rollups it added up in memory (the source's
    /// scorecards and flows), and the store answers its queries as before.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task An_import_with_deferred_indexes_builds_them_all_again_and_the_queries_answer_as_before()
    {
        if (Store is not IGrievanceImportStore)
        {
            Optional(nameof(IGrievanceImportStore));
            return; // a store without it cannot be imported into; one without IImportIndexStore ignores DeferIndexes, and must
        }

        var (records, source) = await SourceRecordsAsync();
        var importer = new GrievanceImporter(Store);

        var first = await importer.ImportAsync(Async(records), new ImportOptions { BatchSize = 4, DeferIndexes = true });
        var again = await importer.ImportAsync(Async(records), new ImportOptions { BatchSize = 3, DeferIndexes = true });

        Assert.Equal(new ImportProgress(records.Count, records.Count, 0, 0), first.Totals);
        Assert.Equal(new ImportProgress(records.Count, 0, records.Count, 0), again.Totals);
        foreach (var record in records)
        {
            Assert.Equal(record.Grievance, await Store.FindByReferenceAsync(record.Grievance.ReferenceNumber, default));
        }

        // The rollups, added up in memory during the load and written once after it, give the source's scorecards and flows.
        await AssertStatisticsOfAsync(source);

        if (Store is IGrievanceQuery query)
        {
            var pending = records.Where(r => r.Grievance.Status == GrievanceStatus.PendingWithOfficer).Select(r => r.Grievance.Id.ToString()).Order(System.StringComparer.Ordinal).ToList();
            var found = await query.FindAsync(new GrievanceFilter { Status = GrievanceStatus.PendingWithOfficer }, 100, null, default);
            Assert.Equal(pending, found.Select(g => g.Id.ToString()).Order(System.StringComparer.Ordinal));
        }

        // Every index is up again: taking them down finds them all, twice in a row finds none, and building them again builds them all.
        if (Store is IImportIndexStore indexes)
        {
            var down = await indexes.SuspendIndexesAsync(default);
            Assert.True(down > 0, "the store has secondary indexes to take down");
            Assert.Equal(0, await indexes.SuspendIndexesAsync(default));
            Assert.Equal(down, await indexes.RebuildIndexesAsync(default));
            Assert.Equal(0, await indexes.RebuildIndexesAsync(default));
        }
    }

    /// <summary>
    /// A first load that fails mid-way puts the store back before the error goes up — every index built, the stored batches'
    /// rollups written — so a plain rerun stores the rest with its rollups as usual, and the scorecards are the source's.
    /// </summary>
    /// <returns>A task.</returns>
    [StoreFact]
    public async Task A_first_load_that_fails_mid_way_puts_the_indexes_and_rollups_back_before_it_throws()
    {
        if (Store is not IGrievanceImportStore)
        {
            Optional(nameof(IGrievanceImportStore));
            return;
        }

        var (records, source) = await SourceRecordsAsync();
        var importer = new GrievanceImporter(Store);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await importer.ImportAsync(Async(records, failAfter: 7), new ImportOptions { BatchSize = 3, DeferIndexes = true }));
        if (Store is IImportIndexStore indexes)
        {
            Assert.True(await indexes.SuspendIndexesAsync(default) > 0, "the failed load built its indexes again before it threw");
            await indexes.RebuildIndexesAsync(default);
        }

        var resumed = await importer.ImportAsync(Async(records), new ImportOptions { BatchSize = 3 });

        Assert.Equal(new ImportProgress(records.Count, records.Count - 6, 6, 0), resumed.Totals);
        await AssertStatisticsOfAsync(source);
    }

    /// <summary>Asserts that the store's scorecards and flows, over whole days around the records, are the source's.</summary>
    private async Task AssertStatisticsOfAsync(IGrievanceStatistics source)
    {
        if (Store is not IGrievanceStatistics statistics)
        {
            return;
        }

        var midnight = new DateTimeOffset(Start.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var dimension in Enum.GetValues<ScorecardDimension>())
        {
            var cards = new ScorecardQuery(dimension, midnight.AddDays(-1), midnight.AddDays(3), Start.AddDays(40));
            Assert.Equal(await source.GetScorecardsAsync(cards, default), await statistics.GetScorecardsAsync(cards, default));
            if (Store is IGrievanceFlowReports flows)
            {
                var flowQuery = new FlowQuery(dimension, midnight.AddDays(-1), midnight.AddDays(3));
                Assert.Equal(await ((IGrievanceFlowReports)source).GetFlowsAsync(flowQuery, default), await flows.GetFlowsAsync(flowQuery, default));
            }
        }
    }
}
