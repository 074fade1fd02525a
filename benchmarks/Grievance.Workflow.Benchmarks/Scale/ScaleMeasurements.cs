using System.Diagnostics;
using System.Globalization;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>The measurements of the scale table, each on a filled store at its cut-over.</summary>
internal static class ScaleMeasurements
{
    private static long s_complainants;

    /// <summary>The median wall time of one durable "report action" command on a pending grievance, in microseconds.</summary>
    public static async Task<double> CommandMicrosecondsAsync(ScaleDatabase db, int commands)
    {
        var query = db.Provider.GetRequiredService<IGrievanceQuery>();
        var pending = await query.FindAsync(new GrievanceFilter { Status = GrievanceStatus.PendingWithOfficer, Order = GrievanceOrder.DueTime }, commands + 20, null, default);
        var times = new List<double>();
        foreach (var g in pending)
        {
            var officer = Actor.Officer(g.Officer!.Value, g.Department!.Value, g.Level);
            var watch = Stopwatch.StartNew();
            await db.Workflow.ExecuteAsync(new ReportAction(g.Id, officer, "Action taken."));
            times.Add(watch.Elapsed.TotalMilliseconds * 1000);
        }

        times = times.Skip(20).Order().ToList(); // the first commands warm the process up
        return times[times.Count / 2];
    }

    /// <summary>
    /// Sweeps of up to <paramref name="batch"/> due items of one kind, <paramref name="runs"/> of them: the median wall time per item
    /// handled, in microseconds, over the sweeps that found work (a store may hold fewer due items than the runs would take), how many
    /// those were, and the fewest one of them handled, after a warm-up of a twentieth of the batch that is not counted. With
    /// <paramref name="sweepers"/> above one, each run is that many sweepers (as on that many nodes, each its own instance with its
    /// own claims) sweeping an equal share of the batch at once.
    /// </summary>
    public static async Task<(double MicrosecondsEach, int Sweeps, int Handled)> SweepAsync(ScaleDatabase db, DueWorkKind kind, int batch, int runs, int sweepers = 1)
    {
        var nodes = sweepers == 1
            ? [(GrievanceSweeper)db.Provider.GetRequiredService<IGrievanceSweeper>()]
            : Enumerable.Range(0, sweepers).Select(_ => ActivatorUtilities.CreateInstance<GrievanceSweeper>(db.Provider)).ToArray();
        // Warm-up, not counted: four rounds of twenty small sweeps (a twentieth of the batch in all), with a pause after each round.
        // A process's first items of a kind run unoptimized code; tiered compilation counts calls (thirty before a method is
        // recompiled, twice over with profile-guided optimization: first with instrumentation, then optimized) only after a quiet
        // spell and recompiles hot methods on a background thread, which without the pauses happens during the measured sweep
        // (seen as its CPU time varying 2x run to run). Many small sweeps, not two of 250 items: the methods called once a page (the
        // claim, the batch write, the rollups) need those calls too, or a sweep of one kind alone measured them unoptimized (its
        // client CPU 1.5-2x that of the same sweep after the other kind's).
        var warmed = 0;
        for (var round = 0; round < 4; round++)
        {
            for (var sweep = 0; sweep < 20; sweep++)
            {
                var warm = await nodes[0].SweepOnlyAsync(kind, db.AsOf, Math.Max(1, batch / 1600));
                warmed += warm.FlaggedOverdue + warm.Escalated + warm.ClosedNoFeedback + warm.FeedbackWindowsRearmed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Console.Error.WriteLine($"  warm-up ({kind}): {warmed:N0} handled, not counted");
        var each = new List<double>();
        var handled = 0;
        for (var run = 0; run < runs; run++)
        {
            var before = MachineCpu.Now();
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(nodes.Select(node => node.SweepOnlyAsync(kind, db.AsOf, batch / sweepers).AsTask()));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var spent = MachineCpu.Now() - before;
            var done = results.Sum(r => r.FlaggedOverdue + r.Escalated + r.ClosedNoFeedback + r.FeedbackWindowsRearmed);
            Console.Error.WriteLine(
                $"  sweep {run} ({kind}, {sweepers} sweeper{(sweepers == 1 ? "" : "s")}): {done:N0} handled, {results.Sum(r => r.Skipped):N0} skipped, in {elapsed:N0} ms"
                + $" ({spent})");
            if (done > 0)
            {
                each.Add(elapsed * 1000 / done);
                handled = handled == 0 ? done : Math.Min(handled, done);
            }
        }

        each.Sort();
        return each.Count == 0 ? (double.NaN, 0, 0) : (each[each.Count / 2], each.Count, handled);
    }

    /// <summary>The median time of the first page of a queue, in milliseconds, and the rows it held.</summary>
    public static async Task<(double Milliseconds, int Rows)> PageAsync(ScaleDatabase db, GrievanceFilter filter, int limit, GrievancePageCursor? after, int runs)
    {
        var query = db.Provider.GetRequiredService<IGrievanceQuery>();
        var rows = 0;
        var median = await ScaleTimer.MedianAsync(runs, async _ => rows = (await query.FindAsync(filter, limit, after, default)).Count);
        return (median, rows);
    }

    /// <summary>The cursor after row <paramref name="row"/> of a queue, walked to in pages of 1,000 (not timed).</summary>
    public static async Task<(GrievancePageCursor? Cursor, int Reached)> CursorAtAsync(ScaleDatabase db, GrievanceFilter filter, int row)
    {
        var query = db.Provider.GetRequiredService<IGrievanceQuery>();
        GrievancePageCursor? cursor = null;
        var reached = 0;
        while (reached < row)
        {
            var page = await query.FindAsync(filter, Math.Min(1000, row - reached), cursor, default);
            if (page.Count == 0)
            {
                break;
            }

            reached += page.Count;
            cursor = GrievancePageCursor.After(page[^1], filter);
        }

        return (cursor, reached);
    }

    /// <summary>The median time of a scorecard over a registration period, in milliseconds, and the grievances registered in it.</summary>
    public static async Task<(double Milliseconds, long Cohort)> ScorecardAsync(ScaleDatabase db, ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to, bool includeMedian, int runs)
    {
        var statistics = db.Provider.GetRequiredService<IGrievanceStatistics>();
        long cohort = 0;
        var median = await ScaleTimer.MedianAsync(runs, async _ =>
            cohort = (await statistics.GetScorecardsAsync(new ScorecardQuery(dimension, from, to, db.AsOf) { IncludeMedian = includeMedian }, default)).Sum(s => s.Received));
        return (median, cohort);
    }

    /// <summary>The median time of a flow report over a period, in milliseconds, and the grievances disposed in it.</summary>
    public static async Task<(double Milliseconds, long Disposed)> FlowAsync(ScaleDatabase db, ScorecardDimension dimension, DateTimeOffset from, DateTimeOffset to, int runs)
    {
        var flows = db.Provider.GetRequiredService<IGrievanceFlowReports>();
        long disposed = 0;
        var median = await ScaleTimer.MedianAsync(runs, async _ =>
            disposed = (await flows.GetFlowsAsync(new FlowQuery(dimension, from, to), default)).Sum(f => f.Disposed));
        return (median, disposed);
    }

    /// <summary>
    /// Commands per second with <paramref name="writers"/> concurrent writers, each registering a grievance and reporting on it, for a
    /// while. Each registration is by a complainant of its own, as on a desk: intake reads the complainant's grievances of the day, and
    /// one complainant behind every registration made each read longer than the last (up to 1,000 rows), later runs most of all.
    /// </summary>
    /// <param name="log">Whether to write the run's CPU and allocation per command to the error stream.</param>
    /// <param name="server">A PostgreSQL server's pool, to write what its log took per command too; none for SQLite.</param>
    public static async Task<double> WritesPerSecondAsync(ScaleDatabase db, int writers, TimeSpan duration, bool log = true, NpgsqlDataSource? server = null)
    {
        var officer = Actor.Officer(new OfficerId("dept-01-l1"), new DepartmentId("dept-01"), 1);
        var agent = Actor.HelplineAgent("agent-1");
        var commands = 0L;
        var walBefore = log && server is not null ? await WalCounters.ReadAsync(server) : default;
        var before = MachineCpu.Now();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                var g = (await db.Workflow.RegisterAsync(new RegisterGrievance(agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("district-01"), new Complainant(Complainant(Interlocked.Increment(ref s_complainants))), "Wrong bill."))).Grievance;
                await db.Workflow.ExecuteAsync(new ReportAction(g.Id, officer, "Bill corrected."));
                Interlocked.Add(ref commands, 2);
            }
        })));
        var elapsed = watch.Elapsed;
        var spent = MachineCpu.Now() - before;
        if (!log)
        {
            return commands / elapsed.TotalSeconds;
        }

        Console.Error.WriteLine(
            $"  {writers} writer{(writers == 1 ? "" : "s")}: {commands:N0} commands in {elapsed.TotalMilliseconds:N0} ms ({spent});"
            + $" per command: this process {spent.Process.TotalMicroseconds / commands:N0} µs, postgres {spent.Server.TotalMicroseconds / commands:N0} µs");
        if (server is not null)
        {
            Console.Error.WriteLine("    " + (await WalCounters.ReadAsync(server) - walBefore).PerCommand(commands));
        }

        return commands / elapsed.TotalSeconds;
    }

    /// <summary>
    /// Throughput rows for each number of <paramref name="writers"/>, measured in <paramref name="rounds"/> rounds that each time every
    /// number in turn with <paramref name="measure"/>, each after <paramref name="beforeEach"/>: a row gives the median per second and the
    /// median of the rounds' ratios to their own single writer (ratios within one round are what counts: a slow spell of the machine
    /// slows a round's writers alike), with each round's ratio beside it.
    /// </summary>
    /// <param name="work">The row's text, <c>{0}</c> the number of writers and <c>{1}</c> the plural's "s".</param>
    /// <param name="writers">The numbers of writers, the first 1.</param>
    public static async Task<List<ScaleResult>> WriterRoundsAsync(
        string work, int[] writers, int rounds, Func<Task> beforeEach, Func<int, Task<double>> measure, Func<int, string> target, string unit = "commands/s")
    {
        var perSecond = writers.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < writers.Length; i++)
            {
                await beforeEach();
                perSecond[i].Add(await measure(writers[i]));
            }
        }

        return writers.Select((n, i) =>
        {
            var ratios = perSecond[i].Select((p, round) => p / perSecond[0][round]).ToList();
            var each = string.Join(", ", ratios.Select(r => r.ToString("N2", CultureInfo.InvariantCulture)));
            return new ScaleResult(
                string.Format(CultureInfo.InvariantCulture, work, n, n == 1 ? "" : "s"),
                $"{ScaleTimer.Median(perSecond[i]):N0} {unit} ({ScaleTimer.Median(ratios):N2}×; rounds {each})",
                target(n));
        }).ToList();
    }

    /// <summary>
    /// One-row <c>INSERT</c> transactions into <c>bare_inserts</c> (its key the only index, nothing else written) per second by
    /// <paramref name="writers"/> concurrent writers, each on a pooled connection as a store's write is: the machine's own ratio to
    /// read the store's beside, every transaction a round trip and a flush of the log.
    /// </summary>
    /// <param name="log">Whether to write the count to the error stream.</param>
    public static async Task<double> BareInsertsPerSecondAsync(NpgsqlDataSource source, int writers, TimeSpan duration, bool log = true)
    {
        var inserts = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed < duration)
            {
                await using var connection = await source.OpenConnectionAsync();
                await using var command = new NpgsqlCommand("INSERT INTO bare_inserts (v) VALUES ($1)", connection) { Parameters = { new() { Value = "x" } } };
                await command.ExecuteNonQueryAsync();
                Interlocked.Increment(ref inserts);
            }
        })));
        var elapsed = watch.Elapsed;
        if (log)
        {
            Console.Error.WriteLine($"  {writers} bare writer{(writers == 1 ? "" : "s")}: {inserts:N0} inserts in {elapsed.TotalMilliseconds:N0} ms");
        }

        return inserts / elapsed.TotalSeconds;
    }

    private static string Complainant(long serial) => "writer-complainant-" + serial.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
