using System.Globalization;
using Grievance.Workflow.Demo.Import;
using Grievance.Workflow.PostgreSql;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Sweeping;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grievance.Workflow.Benchmarks.Scale;

/// <summary>
/// The scale run (<c>-- scale</c>): fills a large SQLite file and a PostgreSQL database through the import API, measures the rows
/// of the scale table on them, and prints the table (with <c>--write-readme</c>, also into benchmarks/README.md between its markers).
/// Options: <c>--sqlite N</c> (1,000,000), <c>--postgres N</c> (200,000; needs GRIEVANCE_POSTGRES), <c>--days N</c> (100: a month
/// is ~300,000 registrations of a million), <c>--millions</c> (also import 3,550,000 into each store, timed), <c>--only sqlite|postgres</c>,
/// <c>--sweep-only</c> (import, then measure the sweep and nothing else: for working on sweeps), <c>--writes-only</c> (PostgreSQL:
/// import, then measure the write throughput and nothing else: for working on it), <c>--sqlite-file PATH</c> (the
/// SQLite rows measured on a fresh copy of that file instead of a new import; the first run imports into it), <c>--keep-postgres</c>
/// (leave the PostgreSQL schema in place afterwards, for reading plans on it), <c>--sweep-kind deadlines|feedback</c> (measure that
/// kind of sweep only: for profiling one), <c>--pages-in-flight N</c> (how many pages a sweep handles at once: by default 1 on SQLite,
/// the library's default, and 2 on PostgreSQL, as its README recommends). The PostgreSQL rows run in a child process with the thread
/// pool's spinning off (<see cref="PostgresProcess"/>).
/// </summary>
internal static class ScaleRun
{
    private static bool s_sweepOnly;
    private static bool s_writesOnly;
    private static string? s_sqliteFile;
    private static bool s_keepPostgres;
    private static string s_sweepKind = string.Empty;
    private static int? s_pagesInFlight;

    /// <summary>PostgreSQL's sweeps run two pages at once unless told otherwise: the setting its documentation recommends.</summary>
    private const int PostgresPagesInFlight = 2;

    /// <summary>How many rounds time the concurrent writers, each every number of writers in turn: a row gives their medians.</summary>
    private const int WriterRounds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        s_sweepOnly = options.ContainsKey("sweep-only");
        s_writesOnly = options.ContainsKey("writes-only");
        s_sqliteFile = options.GetValueOrDefault("sqlite-file");
        s_keepPostgres = options.ContainsKey("keep-postgres");
        s_sweepKind = options.GetValueOrDefault("sweep-kind", string.Empty);
        s_pagesInFlight = options.TryGetValue("pages-in-flight", out var pages) ? int.Parse(pages, CultureInfo.InvariantCulture) : null;
        var sqliteCount = long.Parse(options.GetValueOrDefault("sqlite", "1000000"), CultureInfo.InvariantCulture);
        var postgresCount = long.Parse(options.GetValueOrDefault("postgres", "200000"), CultureInfo.InvariantCulture);
        var days = int.Parse(options.GetValueOrDefault("days", "100"), CultureInfo.InvariantCulture);
        var only = options.GetValueOrDefault("only", string.Empty);
        var rows = new List<ScaleResult>();
        var speedAtStart = MachineSpeed.SortMilliseconds();
        var generator = await ImportGenerator.CreateAsync();
        Log($"Scale run: SQLite {sqliteCount:N0}, PostgreSQL {postgresCount:N0}, over {days} days.");

        if (only is "" or "sqlite")
        {
            rows.AddRange(await SqliteAsync(generator, sqliteCount, days));
        }

        var postgres = Environment.GetEnvironmentVariable("GRIEVANCE_POSTGRES");
        var rowsFile = options.GetValueOrDefault(PostgresProcess.RowsFileOption); // set: this is the PostgreSQL rows' process
        var ownProcess = postgres is not null && only is "" or "postgres" && rowsFile is null;
        if (ownProcess)
        {
            rows.AddRange(await PostgresProcess.RunAsync(args)); // its --millions import too
        }
        else if (only is "" or "postgres")
        {
            rows.AddRange(postgres is null ? [new ScaleResult("PostgreSQL rows", "not run: set GRIEVANCE_POSTGRES", "")] : await PostgresAsync(generator, postgres, postgresCount, days));
        }

        if (options.ContainsKey("millions"))
        {
            rows.AddRange(await MillionsAsync(generator, ownProcess ? null : postgres, days, only));
        }

        if (rowsFile is not null)
        {
            await PostgresProcess.WriteAsync(rowsFile, rows); // a parent run's PostgreSQL rows: it adds the speed and prints the table
            return 0;
        }

        rows.Add(new(
            "the machine's speed: one core sorting 1,000,000 numbers, at the run's start and at its end (the median of 7)",
            $"{speedAtStart:N0} ms, {MachineSpeed.SortMilliseconds():N0} ms",
            "(none: read the run's rows beside it)"));
        var table = ScaleReport.Table(rows, string.Join(' ', args), ownProcess);
        Console.WriteLine(table);
        if (options.ContainsKey("write-readme"))
        {
            Log($"Wrote the table into {ScaleReport.WriteReadme(table)}.");
        }

        return 0;
    }

    private static async Task<List<ScaleResult>> SqliteAsync(ImportGenerator generator, long count, int days)
    {
        var rows = new List<ScaleResult>();
        if (s_sqliteFile is not null)
        {
            if (!File.Exists(s_sqliteFile))
            {
                await using (var db = ScaleDatabase.Open(b => b.UseSqliteStore($"Data Source={s_sqliteFile}"), days))
                {
                    var (totals, seconds) = await db.ImportAsync(generator, count, seed: 1, deferIndexes: true);
                    Log($"SQLite: imported {totals.Imported:N0} into {s_sqliteFile} in {seconds:N1} s.");
                }

                SqliteConnection.ClearAllPools();
            }

            var copy = TempFile();
            File.Copy(s_sqliteFile, copy);
            using (var written = new FileStream(copy, FileMode.Open))
            {
                written.Flush(flushToDisk: true); // else the sweep's first sync writes the whole copy out
            }
            await using (var db = ScaleDatabase.Open(b => b.UseSqliteStore($"Data Source={copy}"), days, s_pagesInFlight))
            {
                rows.AddRange(await CommonAsync(db, "SQLite", count));
            }

            SqliteConnection.ClearAllPools();
            Delete(copy);
            return rows;
        }

        var small = TempFile();
        await using (var db = ScaleDatabase.Open(b => b.UseSqliteStore($"Data Source={small}"), days))
        {
            await db.ImportAsync(generator, 10_000, seed: 10);
            var cost = await ScaleMeasurements.CommandMicrosecondsAsync(db, 300);
            rows.Add(new("one durable command (report action), SQLite (Synchronous=Full), 10,000 grievances", $"{cost:N0} µs", "the same at 10k and 1M"));

            // Concurrent writers on one file take its write lock in turn; group commit shares a transaction, and its flush, among
            // the writes that wait meanwhile.
            rows.AddRange(await ScaleMeasurements.WriterRoundsAsync(
                "SQLite write throughput, {0} concurrent writer{1} (register + report; Synchronous=Full, 10,000 grievances)", [1, 4, 16], WriterRounds,
                () => Task.CompletedTask, n => ScaleMeasurements.WritesPerSecondAsync(db, n, TimeSpan.FromSeconds(4)), _ => ""));
        }

        var file = TempFile();
        await using (var db = ScaleDatabase.Open(b => b.UseSqliteStore($"Data Source={file}"), days, s_pagesInFlight))
        {
            var (totals, seconds) = await db.ImportAsync(generator, count, seed: 1, deferIndexes: true);
            Log($"SQLite: imported {totals.Imported:N0} in {seconds:N1} s.");
            rows.Add(new($"import of {count:N0} grievances with history, SQLite (a first load: indexes built after it)", $"{seconds:N1} s ({totals.Imported / seconds:N0}/s; {new FileInfo(file).Length / 1048576.0:N0} MiB)", "3.55M in < 10 min (≥ 5,917/s)"));
            rows.AddRange(await CommonAsync(db, "SQLite", count));
            if (s_sweepOnly)
            {
                return rows;
            }

            var cost = await ScaleMeasurements.CommandMicrosecondsAsync(db, 300);
            rows.Add(new($"one durable command (report action), SQLite (Synchronous=Full), {count:N0} grievances", $"{cost:N0} µs", "the same at 10k and 1M"));
        }

        SqliteConnection.ClearAllPools();
        Delete(small);
        Delete(file);
        return rows;
    }

    private static async Task<List<ScaleResult>> PostgresAsync(ImportGenerator generator, string connection, long count, int days)
    {
        var schema = "scale_" + Guid.NewGuid().ToString("N")[^12..];
        await ExecuteAsync(connection, $"CREATE SCHEMA {schema}");
        var rows = new List<ScaleResult>();
        try
        {
            var scoped = new NpgsqlConnectionStringBuilder(connection) { SearchPath = schema, MaxPoolSize = 40 }.ConnectionString;
            await using var db = ScaleDatabase.Open(b => b.UsePostgreSqlStore(scoped), days, s_pagesInFlight ?? PostgresPagesInFlight);

            // More pending than the desk's own share, so that the defaulter list runs past row 100,000, and more awaiting feedback
            // (the desk's share, 5%, left ~3,900 windows run out at 200,000: one sweep), so that closures are three sweeps of 10,000.
            var (totals, seconds) = await db.ImportAsync(generator, count, seed: 2, pendingPercent: 60, deferIndexes: true, awaitingFeedbackPercent: 20);
            Log($"PostgreSQL: imported {totals.Imported:N0} in {seconds:N1} s.");
            // Statistics for the planner, as autovacuum would gather them within a minute of the load; the store's tables only (a
            // bare ANALYZE goes through every table of the database, the system catalogs with a warning each).
            await ExecuteAsync(scoped, "ANALYZE grievances, history, contacts, outbox, grievance_rollups, grievance_flows");
            await CheckpointAsync(scoped);
            rows.Add(new($"import of {count:N0} grievances with history, PostgreSQL (60% pending, 20% awaiting feedback; indexes built after it)", $"{seconds:N1} s ({totals.Imported / seconds:N0}/s)", "3.55M in < 10 min (≥ 5,917/s)"));
            if (!s_writesOnly)
            {
                rows.AddRange(await CommonAsync(db, "PostgreSQL", count));
            }

            if (s_sweepKind is "" or "deadlines" && !s_writesOnly)
            {
                // Two nodes' sweepers at once share the due work out by their claims: each item handled once, by one of them.
                var (each, sweeps, handled) = await ScaleMeasurements.SweepAsync(db, DueWorkKind.OfficerDeadline, 10_000, runs: 3, sweepers: 2);
                rows.Add(new(
                    $"sweep of 10,000 due officer deadlines by two sweepers at once (as on two nodes), PostgreSQL ({InFlight(db)} in flight each), {count:N0} grievances",
                    handled == 0 ? "not measured: none due" : $"{each * 10_000 / 1_000_000:N2} s per 10,000 ({each:N0} µs each; the median of {sweeps} sweeps, the smallest {handled:N0} items)",
                    "< 1 s"));
            }

            if (s_sweepOnly)
            {
                return rows;
            }

            if (!s_writesOnly)
            {
                var defaulters = GrievanceFilter.Defaulters(db.AsOf);
                var (cursor, reached) = await ScaleMeasurements.CursorAtAsync(db, defaulters, 100_000);
                var (deep, deepRows) = await ScaleMeasurements.PageAsync(db, defaulters, 50, cursor, 21);
                rows.Add(new($"deep keyset page of defaulters (50 rows after row {reached:N0}), PostgreSQL", $"{deep:N2} ms ({deepRows} rows)", "< 10 ms"));
            }

            // Every measurement starts alike: the WAL written before checkpointed, then the dead rows of the sweeps (or of the
            // measurement before) vacuumed and the tables analyzed, else autovacuum works through them during the next one; then an
            // emptied pool and two unmeasured seconds of one writer. Before each measurement, not each round: after a vacuum, whoever
            // writes first fills the pages it freed, each page's first change after the checkpoint logged whole and its all-visible
            // mark cleared — measured with the preparation once a round, the second and third rounds' single writer, first to write,
            // logged 0.6–1.4 full-page images and 7–12 KB a command against none and 4 KB in the first round, its server CPU a command
            // up by half to four fifths, while four writers after it logged none; its rounds' ratios came out high for it. Checkpoint
            // before vacuum, so that vacuum's own changes log those pages. Npgsql hands idle pooled connections out in turn, so a
            // pool grown by the sweeps (or any burst) spreads a lone writer's commands over every server process it holds, each
            // colder: measured, ~25% fewer commands and 30–60% more server CPU per command after a 16-writer burst. So the pool is
            // emptied and the single writer runs on one connection, after the unmeasured run (the first compiles the code at the
            // final tier); each other measurement grows the pool to its own number of writers. The log gives what the server wrote
            // to its WAL per command for each measurement.
            var store = (PostgreSqlGrievanceStore)db.Provider.GetRequiredService<Storage.IGrievanceStore>();
            await using var counters = NpgsqlDataSource.Create(scoped); // its own pool: the store's is emptied before each round
            rows.AddRange(await ScaleMeasurements.WriterRoundsAsync("PostgreSQL write throughput, {0} concurrent writer{1} (register + report)", [1, 2, 4, 8, 16], WriterRounds, async () =>
            {
                await CheckpointAsync(scoped);
                await ExecuteAsync(scoped, "VACUUM (ANALYZE) grievances, history, contacts, outbox, grievance_rollups, grievance_flows, due_claims");
                await EmptyPoolAsync(store.DataSource);

                await ScaleMeasurements.WritesPerSecondAsync(db, 1, TimeSpan.FromSeconds(2), log: false);
            }, n => ScaleMeasurements.WritesPerSecondAsync(db, n, TimeSpan.FromSeconds(6), server: counters), n => n >= 4 ? "≥ 2× one writer" : ""));

            // The same ratio for the simplest durable write there is, on the same server and driver, its pool set as the store's
            // (no reset on close, statements prepared): what the machine gives four writers against one before any work of the
            // store's (2 cores: the server's processes and this one's share them). None of its transactions is grouped.
            await ExecuteAsync(scoped, "CREATE TABLE bare_inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text NOT NULL)");
            await using var bare = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(scoped) { NoResetOnClose = true, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString);
            rows.AddRange(await ScaleMeasurements.WriterRoundsAsync("no store, the machine's own ratio: one-row INSERT transactions (the key the only index), PostgreSQL, {0} concurrent writer{1}", [1, 4, 16], WriterRounds, async () =>
            {
                await CheckpointAsync(scoped);
                await EmptyPoolAsync(bare);
                await ScaleMeasurements.BareInsertsPerSecondAsync(bare, 1, TimeSpan.FromSeconds(1), log: false);
            }, n => ScaleMeasurements.BareInsertsPerSecondAsync(bare, n, TimeSpan.FromSeconds(4)), _ => "(none: beside the writers' ratio)", "inserts/s"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (s_keepPostgres)
            {
                Log($"PostgreSQL: kept schema {schema} (--keep-postgres).");
            }
            else
            {
                await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
            }
        }

        return rows;
    }

    /// <summary>How many pages a sweep of the database handles at once, in words: "1 page", "2 pages".</summary>
    private static string InFlight(ScaleDatabase db)
        => db.Provider.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value.Sweep.PagesInFlight is var n && n == 1 ? "1 page" : $"{n} pages";

    /// <summary>The rows measured the same way on each store: sweeps, a filtered defaulter page, monthly scorecards.</summary>
    private static async Task<List<ScaleResult>> CommonAsync(ScaleDatabase db, string store, long count)
    {
        var rows = new List<ScaleResult>();
        var synchronous = store == "SQLite" ? " (Synchronous=Full)" : "";
        synchronous += db.Provider.GetRequiredService<IOptions<GrievanceWorkflowOptions>>().Value.Sweep.PagesInFlight > 1 ? $" ({InFlight(db)} in flight)" : "";
        foreach (var (kind, what) in new[] { (DueWorkKind.OfficerDeadline, "officer deadlines (defaulters flagged)"), (DueWorkKind.FeedbackWindow, "feedback windows (closed unanswered)") })
        {
            if (s_sweepKind.Length > 0 && s_sweepKind != (kind == DueWorkKind.OfficerDeadline ? "deadlines" : "feedback"))
            {
                continue;
            }

            var (each, sweeps, handled) = await ScaleMeasurements.SweepAsync(db, kind, 10_000, runs: 3);
            rows.Add(new(
                $"sweep of 10,000 due {what}, {store}{synchronous}, {count:N0} grievances",
                handled == 0 ? "not measured: none due" : $"{each * 10_000 / 1_000_000:N2} s per 10,000 ({each:N0} µs each; the median of {sweeps} sweep{(sweeps == 1 ? "" : "s")}, the smallest {handled:N0} items)",
                "< 1 s"));
        }

        if (s_sweepOnly)
        {
            return rows;
        }

        var filter = GrievanceFilter.Defaulters(db.AsOf) with { Department = new DepartmentId("dept-07"), District = "district-33" };
        var (page, pageRows) = await ScaleMeasurements.PageAsync(db, filter, 50, null, 21);
        rows.Add(new($"defaulters of one department in one district (a page of 50), {store}, {count:N0}", $"{page:N2} ms ({pageRows} rows)", "< 10 ms"));
        var (queue, queueRows) = await ScaleMeasurements.PageAsync(db, GrievanceFilter.OfficerQueue(new OfficerId("dept-07-district-33-l1")), 50, null, 21);
        rows.Add(new($"an officer's pending queue (a page of 50), {store}, {count:N0}", $"{queue:N2} ms ({queueRows} rows)", "< 10 ms"));
        // A month of India Standard Time days: whole UTC days from the rollups, the 5.5-hour ends from the rows.
        var from = new DateTimeOffset(ScaleDatabase.From.Date.AddDays(30), TimeSpan.FromHours(5.5));
        foreach (var dimension in new[] { ScorecardDimension.Department, ScorecardDimension.District })
        {
            foreach (var median in new[] { false, true })
            {
                var (milliseconds, cohort) = await ScaleMeasurements.ScorecardAsync(db, dimension, from, from.AddDays(30), median, runs: 5);
                rows.Add(new(
                    $"monthly scorecard by {dimension.ToString().ToLowerInvariant()} ({cohort:N0}-grievance cohort, IST month), {(median ? "with the median" : "dashboard, no median")}, {store}, {count:N0}",
                    $"{milliseconds:N1} ms",
                    median ? "(the median reads every disposal time)" : "< 100 ms"));
            }

            var (flow, disposed) = await ScaleMeasurements.FlowAsync(db, dimension, from, from.AddDays(30), runs: 5);
            rows.Add(new($"monthly flow report by {dimension.ToString().ToLowerInvariant()} (IST month, {disposed:N0} disposed in it), {store}, {count:N0}", $"{flow:N1} ms", "< 100 ms"));
        }

        return rows;
    }

    private static async Task<List<ScaleResult>> MillionsAsync(ImportGenerator generator, string? postgres, int days, string only)
    {
        const long Count = 3_550_000;
        var rows = new List<ScaleResult>();
        if (only is "" or "sqlite")
        {
            var file = TempFile();
            // A one-off load, as an operator runs it: the page cache at 1 GiB (SqliteStoreOptions.CacheSizeKibibytes), so the id and
            // reference indexes stay in memory as they outgrow the default 64 MiB; still Synchronous=Full.
            await using (var db = ScaleDatabase.Open(b => b.UseSqliteStore($"Data Source={file}", o => o.CacheSizeKibibytes = 1_048_576), days))
            {
                var (totals, seconds) = await db.ImportAsync(generator, Count, seed: 3, deferIndexes: true);
                rows.Add(new($"import of {Count:N0} grievances with history (35.5 lakh), SQLite (Synchronous=Full, 1 GiB page cache, indexes built after it)", $"{seconds / 60:N1} min ({totals.Imported / seconds:N0}/s; {new FileInfo(file).Length / 1048576.0:N0} MiB)", "< 10 min"));
            }

            SqliteConnection.ClearAllPools();
            Delete(file);
        }

        if (postgres is not null && only is "" or "postgres")
        {
            var schema = "scale_" + Guid.NewGuid().ToString("N")[^12..];
            await ExecuteAsync(postgres, $"CREATE SCHEMA {schema}");
            try
            {
                await using var db = ScaleDatabase.Open(b => b.UsePostgreSqlStore(new NpgsqlConnectionStringBuilder(postgres) { SearchPath = schema }.ConnectionString), days);
                var (totals, seconds) = await db.ImportAsync(generator, Count, seed: 4, deferIndexes: true);
                rows.Add(new($"import of {Count:N0} grievances with history (35.5 lakh), PostgreSQL (indexes built after it)", $"{seconds / 60:N1} min ({totals.Imported / seconds:N0}/s)", "< 10 min"));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(postgres, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
            }
        }

        return rows;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            options[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        return options;
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var command = source.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Closes the data source's pooled connections (the one opened for it when returned), so the next writer opens one afresh.</summary>
    private static async Task EmptyPoolAsync(NpgsqlDataSource source)
    {
        await using var held = await source.OpenConnectionAsync();
        NpgsqlConnection.ClearPool(held);
    }

    /// <summary>
    /// Ends the load's checkpoint cycle before measuring: a load writes ~0.5 GB of WAL a checkpoint, so a sweep measured right after
    /// it runs inside a checkpoint that the load's WAL started, writing out the load's pages beside it (seen as the same sweep
    /// taking 0.5–0.75 s run to run). Needs <c>pg_checkpoint</c> (PostgreSQL 15) or a superuser; without, says so and goes on.
    /// </summary>
    private static async Task CheckpointAsync(string connection)
    {
        try
        {
            await ExecuteAsync(connection, "CHECKPOINT");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Log("PostgreSQL: no CHECKPOINT after the load (the role lacks pg_checkpoint): the sweeps may run beside the load's checkpoint.");
        }
    }

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"grievance-scale-{Guid.NewGuid():N}.db");

    private static void Delete(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{TimeProvider.System.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");
}
