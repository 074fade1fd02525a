using System.Globalization;
using Grievance.Workflow.Statistics;
using Spectre.Console;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>Renders a simulation's report: counts, rankings with their marks, defaulters, figures, throughput and files.</summary>
public static class Dashboard
{
    private static readonly CultureInfo Indian = CultureInfo.GetCultureInfo("en-IN");

    /// <summary>Writes the full dashboard.</summary>
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
            statuses.AddRow(status.ToString(), N(count));
        }

        statuses.AddRow("[bold]Total[/]", $"[bold]{N(report.ByStatus.Values.Sum())}[/]");
        var outcomes = new Table().Title("How the closed ones ended").AddColumn("Outcome").AddColumn(new TableColumn("Complaints").RightAligned()).AddColumn(new TableColumn("SMS sent").RightAligned());
        foreach (var outcome in Enum.GetValues<GrievanceOutcome>().Where(o => o != GrievanceOutcome.None))
        {
            var label = outcome == GrievanceOutcome.Resolved ? "[green]Resolved[/]" : $"{outcome} [grey](not resolved)[/]";
            outcomes.AddRow(label, N(total.CountOf(outcome)), N(report.SmsClosed.GetValueOrDefault(outcome)));
        }

        console.Write(new Columns(statuses, outcomes));
        console.Write(Ranking("Department ranking (IGRS-like marks)", "Department", report.Departments));
        console.Write(Ranking("District ranking", "District", report.Districts));

        var defaulters = new Table().Title($"Top defaulters at {t.End.ToOffset(TimeSpan.FromHours(5.5)):dd MMM HH:mm} IST")
            .AddColumn("Reference").AddColumn("Department").AddColumn("District").AddColumn("Level").AddColumn("Officer").AddColumn(new TableColumn("Overdue").RightAligned());
        foreach (var g in report.TopDefaulters)
        {
            defaulters.AddRow(g.ReferenceNumber.Value, g.Department?.Value ?? "-", g.Location.District, $"L{g.Level}", g.Officer?.Value ?? "-", $"{(t.End - g.DueAt!.Value).TotalDays:0.0} d");
        }

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
        console.Write(new Columns(defaulters, figures));

        var channels = new Table().Title("By channel").AddColumn("Channel").AddColumn(new TableColumn("Received").RightAligned()).AddColumn(new TableColumn("Share").RightAligned()).AddColumn(new TableColumn("Satisfaction").RightAligned());
        foreach (var c in report.Channels.OrderByDescending(c => c.Received))
        {
            channels.AddRow(c.Key, N(c.Received), P(c.Received / (double)t.Registered), P(c.SatisfactionRate));
        }

        var run = new Table().Title("Throughput").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        run.AddRow("Commands (people)", N(t.Commands));
        run.AddRow("Commands (sweeper)", N(t.SweeperActions));
        run.AddRow("Wall time", $"{t.Elapsed.TotalSeconds:0.0} s");
        run.AddRow("Commands per second", N((long)t.CommandsPerSecond));
        run.AddRow("SMS sent (outbox)", N(report.SmsRegistered + report.SmsClosed.Values.Sum()));
        console.Write(new Columns(channels, run));

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
        output.WriteLine($"database: {report.Database}");
        output.WriteLine($"diagram: {diagramFile}");
        WriteReconciliation(console, report);
    }

    private static void WriteReconciliation(IAnsiConsole console, SimulationReport report)
    {
        var problems = report.Reconcile();
        if (problems.Count == 0)
        {
            console.MarkupLine("[green]Reconciled:[/] every complaint is in exactly one status, outcomes add up, scorecards cover every complaint once, SMS match.");
            return;
        }

        foreach (var problem in problems)
        {
            console.MarkupLineInterpolated($"[red]Does not reconcile:[/] {problem}");
        }
    }

    private static Table Ranking(string title, string what, IReadOnlyList<RankedScorecard> ranked)
    {
        var table = new Table().Title(title).AddColumn(new TableColumn("#").RightAligned()).AddColumn(what).AddColumn(new TableColumn("Marks").RightAligned());
        var parameters = ranked.Count == 0 ? [] : ranked[0].Marks.Select(m => $"{m.Parameter} ({m.MaxMarks:0})").ToArray();
        foreach (var p in parameters)
        {
            table.AddColumn(new TableColumn(p).RightAligned());
        }

        foreach (var c in new[] { "Received", "Disposed", "Pending", "Defaulters", "Satisfied", "Median" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        foreach (var r in ranked)
        {
            var s = r.Scorecard;
            var cells = new List<string> { r.Rank.ToString(CultureInfo.InvariantCulture), s.Key.Length == 0 ? "(triage)" : s.Key, $"[bold]{r.TotalMarks:0.00}[/]/{r.MaxMarks:0}" };
            cells.AddRange(r.Marks.Select(m => m.Marks.ToString("0.00", CultureInfo.InvariantCulture)));
            cells.AddRange([N(s.Received), N(s.Disposed), N(s.Pending), N(s.Defaulters), P(s.SatisfactionRate), D(s.MedianDisposalDays)]);
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private static string N(long value) => value.ToString("N0", Indian);

    private static string P(double? rate) => rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "-";

    private static string D(double? days) => days is { } d ? $"{d:0.0} d" : "-";
}
