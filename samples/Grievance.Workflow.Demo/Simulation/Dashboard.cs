using System.Globalization;
using Grievance.Workflow.Statistics;
using Spectre.Console;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>Renders a simulation's report: counts, rankings with their marks, defaulters, figures, throughput and files.</summary>
public static class Dashboard
{
    private static readonly CultureInfo Indian = CultureInfo.GetCultureInfo("en-IN");

    /// <summary>Writes the full dashboard, laid out for a terminal of 100 columns (wider ones show the same).</summary>
    /// <param name="console">The console.</param>
    /// <param name="report">The report.</param>
    /// <param name="diagramFile">Where the Mermaid diagram was written.</param>
    public static void Write(IAnsiConsole console, SimulationReport report, string diagramFile)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Tally;
        var total = report.Total;
        console.Write(new Rule($"[bold]CM Helpline 1076[/] — {t.Options.Days} simulated days, {N(t.Registered)} complaints, seed {t.Options.Seed}").LeftJustified());

        var statuses = new Table().Title("Where every complaint is").AddColumn("Status").AddColumn(new TableColumn("Complaints").RightAligned());
        foreach (var (status, count) in report.ByStatus.OrderBy(s => s.Key))
        {
            statuses.AddRow(Labels.Of(status), N(count));
        }

        statuses.AddRow("[bold]Total[/]", $"[bold]{N(report.ByStatus.Values.Sum())}[/]");
        var outcomes = new Table().Title("How the closed ones ended").AddColumn("Outcome").AddColumn(new TableColumn("Complaints").RightAligned()).AddColumn(new TableColumn("SMS sent").RightAligned());
        foreach (var outcome in Enum.GetValues<GrievanceOutcome>().Where(o => o != GrievanceOutcome.None))
        {
            var label = Markup.Escape(Labels.Of(outcome));
            outcomes.AddRow(outcome == GrievanceOutcome.Resolved ? $"[green]{label}[/]" : label, N(total.CountOf(outcome)), N(report.SmsClosed.GetValueOrDefault(outcome)));
        }

        outcomes.Caption("[grey]* closed, but not counted as resolved[/]");
        console.Write(new Columns(statuses, outcomes).Collapse());
        console.Write(Funnel(report.Funnel));
        console.Write(Ranking("Department ranking (IGRS-style marks)", "Department", report.DepartmentRanking));
        if (report.Triage is { } triage)
        {
            console.MarkupLineInterpolated($"[grey]Not ranked: {N(triage.Received)} complaints in triage, with no department yet ({N(triage.Pending)} still there).[/]");
        }

        console.Write(Ranking("District ranking", "District", report.Districts));
        foreach (var line in Legend(report.DepartmentRanking))
        {
            console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }

        var defaulters = new Table().Title($"Top defaulters at {t.End.ToOffset(TimeSpan.FromHours(5.5)):dd MMM HH:mm} IST")
            .AddColumn("Reference").AddColumn("Department").AddColumn("District").AddColumn("Level").AddColumn("Officer").AddColumn(new TableColumn("Overdue").RightAligned());
        foreach (var g in report.TopDefaulters)
        {
            defaulters.AddRow(g.ReferenceNumber.Value, g.Department?.Value ?? "-", g.Location.District, $"L{g.Level}", g.Officer?.Value ?? "-", $"{(t.End - g.DueAt!.Value).TotalDays:0.0} d");
        }

        console.Write(defaulters);
        var figures = new Table().Title("Figures").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        figures.AddRow("Satisfaction (feedback calls)", P(total.SatisfactionRate));
        figures.AddRow("Resolved of disposed", P(total.ResolutionRate));
        figures.AddRow("Disposal, average", D(total.AverageDisposalDays));
        figures.AddRow("Reopened at L1", P(total.ReopenRate));
        figures.AddRow("Escalated", P(total.EscalationRate));
        foreach (var (reason, count) in t.EscalationsByReason)
        {
            figures.AddRow($"  escalations: {reason}", N(count));
        }

        figures.AddRow("Transfers", N(total.Transfers));
        figures.AddRow("Defaulters now", N(total.Defaulters));
        var channels = new Table().Title("By channel").AddColumn("Channel").AddColumn(new TableColumn("Received").RightAligned()).AddColumn(new TableColumn("Share").RightAligned()).AddColumn(new TableColumn("Satisfied").RightAligned());
        foreach (var c in report.Channels.OrderByDescending(c => c.Received))
        {
            channels.AddRow(c.Key, N(c.Received), P(c.Received / (double)t.Registered), P(c.SatisfactionRate));
        }

        console.Write(new Columns(figures, channels).Collapse());
        if (t.Options.Appeals)
        {
            console.MarkupLineInterpolated($"Appeals: {N(total.Appealed)} grievances appealed ({P(total.AppealRate)} of received) · {N(total.AppealsUpheld)} closures upheld · {N(total.AppealsAllowed)} sent back");
        }

        if (t.Options.Intake)
        {
            console.MarkupLineInterpolated($"Intake: {N(t.IntakeRefused)} calls refused at a complainant's daily limit · {N(t.LikelyDuplicates)} likely duplicates found and confirmed by triage");
        }

        console.MarkupLineInterpolated($"{N(t.Commands)} commands by people, {N(t.SweeperActions)} by the sweeper, in {t.Elapsed.TotalSeconds:0.0} s ({N((long)t.CommandsPerSecond)} a second) · {N(report.SmsRegistered + report.SmsClosed.Values.Sum())} SMS");
        if (Path.IsPathRooted(report.Database))
        {
            console.MarkupLineInterpolated($"Database: [link]{report.Database}[/]");
        }
        else
        {
            console.MarkupLineInterpolated($"Database: {report.Database}");
        }

        console.MarkupLineInterpolated($"Lifecycle diagram (Mermaid): [link]{diagramFile}[/]");
        WriteReconciliation(console, report);
    }

    /// <summary>Writes the few lines of <c>--quiet</c>.</summary>
    /// <param name="console">The console.</param>
    /// <param name="report">The report.</param>
    /// <param name="diagramFile">Where the Mermaid diagram was written.</param>
    public static void WriteQuiet(IAnsiConsole console, SimulationReport report, string diagramFile)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var total = report.Total;
        var output = console.Profile.Out.Writer; // plain lines, never wrapped
        output.WriteLine($"registered {report.Tally.Registered}; " + string.Join("; ", report.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
        output.WriteLine("outcomes: " + string.Join("; ", Enum.GetValues<GrievanceOutcome>().Where(o => o != GrievanceOutcome.None).Select(o => $"{o} {total.CountOf(o)}")));
        output.WriteLine($"satisfaction {P(total.SatisfactionRate)}; average disposal {D(total.AverageDisposalDays)}; defaulters {total.Defaulters}; {report.Tally.CommandsPerSecond:0} commands/s in {report.Tally.Elapsed.TotalSeconds:0.0} s");
        if (report.Tally.Options.Appeals)
        {
            output.WriteLine($"appeals: {total.Appealed} appealed; {total.AppealsUpheld} upheld; {total.AppealsAllowed} allowed");
        }

        if (report.Tally.Options.Intake)
        {
            output.WriteLine($"intake: {report.Tally.IntakeRefused} refused at a limit; {report.Tally.LikelyDuplicates} likely duplicates confirmed");
        }

        output.WriteLine($"database: {report.Database}");
        output.WriteLine($"diagram: {diagramFile}");
        WriteReconciliation(console, report);
    }

    private static void WriteReconciliation(IAnsiConsole console, SimulationReport report)
    {
        var problems = report.Reconcile();
        if (problems.Count == 0)
        {
            console.MarkupLine("[green]Reconciled:[/] one status per complaint; outcomes, scorecards, funnel and SMS add up.");
            return;
        }

        foreach (var problem in problems)
        {
            console.MarkupLineInterpolated($"[red]Does not reconcile:[/] {problem}");
        }
    }

    private static Table Funnel(SeedFunnel f)
    {
        const int BarWidth = 24;
        var table = new Table().Title("The seed's flow, from every complaint's history").AddColumn("Stage").AddColumn(new TableColumn("Complaints").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned()).AddColumn("");
        void Row(string stage, int count)
        {
            var share = f.Registered == 0 ? 0 : count / (double)f.Registered;
            table.AddRow(Markup.Escape(stage), N(count), P(share), $"[blue]{new string('█', (int)Math.Round(share * BarWidth))}[/]");
        }

        void Calls(string stage, int count) => table.AddRow(Markup.Escape(stage), N(count), "[grey]calls[/]", string.Empty);
        Row("Registered", f.Registered);
        Row("  routed to an L1 officer", f.RoutedToL1);
        Row("  disposed by L1 (action report)", f.DisposedByL1);
        Calls("  feedback calls: reached", f.CallsReached);
        Calls("  feedback calls: unreachable", f.CallsUnreachable);
        Row("  satisfied", f.Satisfied);
        Row("  dissatisfied", f.Dissatisfied);
        Row("    second round at L1", f.SecondRoundAtL1);
        Row("    up to L2", f.ToL2);
        Row("    disposed by L2", f.DisposedByL2);
        Row("Resolved", f.Resolved);
        Row("Closed at final level, not resolved", f.ClosedAtFinalLevel);
        var pending = string.Join(" · ", f.PendingByLevel.Select(p => $"L{p.Key} {N(p.Value)}"));
        table.Caption($"[grey]Pending now: {Markup.Escape(pending.Length == 0 ? "none with an officer" : pending)} · awaiting the feedback call {N(f.AwaitingFeedback)} · in triage {N(f.InTriage)}{(f.UnderAppeal > 0 ? $" · under appeal {N(f.UnderAppeal)}" : string.Empty)}[/]");
        return table;
    }

    /// <summary>
    /// A ranking in 100 columns: the marks, their parts in one column (in the order the legend names them), and the counts
    /// behind them.
    /// </summary>
    private static Table Ranking(string title, string what, IReadOnlyList<RankedScorecard> ranked)
    {
        var parts = ranked.Count == 0 ? string.Empty : string.Join("/", ranked[0].Marks.Select(m => m.MaxMarks.ToString("0", CultureInfo.InvariantCulture)));
        var table = new Table().Title(title).AddColumn(new TableColumn("#").RightAligned()).AddColumn(what).AddColumn(new TableColumn("Marks").RightAligned())
            .AddColumn(new TableColumn($"Parts ({parts})").RightAligned());
        foreach (var c in new[] { "Recv", "Pend", "Overdue", "Sat", "Median" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (var r in ranked)
        {
            var s = r.Scorecard;
            table.AddRow(
                r.Rank.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(s.Key),
                $"[bold]{r.TotalMarks:0.0}[/]",
                string.Join(" ", r.Marks.Select(m => m.Marks.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(4))),
                N(s.Received),
                N(s.Pending),
                N(s.Defaulters),
                P(s.SatisfactionRate),
                D(s.MedianDisposalDays));
        }

        return table;
    }

    /// <summary>The two lines that say what the rankings' columns are.</summary>
    private static string[] Legend(IReadOnlyList<RankedScorecard> ranked)
    {
        var parts = ranked.Count == 0 ? string.Empty : string.Join(" · ", ranked[0].Marks.Select(m => $"{m.Parameter.ToLowerInvariant()} {m.MaxMarks:0}"));
        return [$"Parts: {parts}", "Marks of 100 · Recv received · Pend pending · Overdue defaulters now · Sat satisfied of calls"];
    }

    private static string N(long value) => value.ToString("N0", Indian);

    private static string P(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "-";

    private static string D(double? days) => days is { } d ? $"{d:0.0} d" : "-";
}
