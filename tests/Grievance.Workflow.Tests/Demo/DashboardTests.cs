using FluentAssertions;
using Grievance.Workflow.Demo.Simulation;
using Spectre.Console;

namespace Grievance.Workflow.Tests.Demo;

/// <summary>The simulator's dashboard as a newcomer reads it: 100 columns, people's words, the seed's flow as a funnel.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_fits_100_columns_in_peoples_words_with_the_seed_funnel_and_a_legend()
    {
        var report = await HelplineSimulator.RunAsync(SimulatorTests.ShortDay with { Days = 5, PerDay = 150 }, StoreKind.Memory, null, null, default);

        // Rendered on a wide console, so that nothing is wrapped or squeezed to fit: each line's own width is what counts.
        var lines = Render(report, width: 240);

        lines.Where(l => !l.StartsWith("──", StringComparison.Ordinal)).Should().OnlyContain(l => l.TrimEnd().Length <= 100, "the dashboard fits a 100-column terminal (the title rule spans any width)");
        var text = string.Join('\n', lines);
        text.Should().Contain("Pending with officer").And.Contain("Awaiting feedback call").And.Contain("Closed at final level *")
            .And.NotContain("PendingWithOfficer").And.NotContain("ClosedAtFinalLevel", "enum names are not labels")
            .And.NotContain("(triage)", "complaints in triage are a line of their own, not a ranked department");
        text.Should().Contain("The seed's flow").And.Contain("routed to an L1 officer").And.Contain("second round at L1").And.Contain("up to L2")
            .And.Contain("disposed by L2").And.Contain("Pending now: L1").And.Contain("Parts: disposal within time 40").And.Contain("Marks of 100 · Recv received");
        lines.Should().Contain(l => l.Contains("second round at L1", StringComparison.Ordinal) && l.Contains(report.Funnel.SecondRoundAtL1.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-IN")), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_funnel_adds_up_with_the_stores_figures()
    {
        var report = await HelplineSimulator.RunAsync(SimulatorTests.ShortDay with { Days = 5, PerDay = 150 }, StoreKind.Memory, null, null, default);
        var f = report.Funnel;

        report.Reconcile().Should().BeEmpty();
        f.Registered.Should().Be(report.Tally.Registered);
        f.RoutedToL1.Should().BeLessThanOrEqualTo(f.Registered).And.BeGreaterThanOrEqualTo(f.DisposedByL1);
        f.DisposedByL1.Should().BeGreaterThanOrEqualTo(f.Satisfied + f.Dissatisfied - f.DisposedByL2, "every answered call follows a disposal");
        f.FeedbackCalls.Should().Be(f.CallsReached + f.CallsUnreachable);
        f.Dissatisfied.Should().BeGreaterThanOrEqualTo(f.SecondRoundAtL1);
        f.ToL2.Should().BeGreaterThan(0).And.BeGreaterThanOrEqualTo(f.DisposedByL2);
        ((long)f.Resolved).Should().Be(report.Total.Resolved);
    }

    private static string[] Render(SimulationReport report, int width)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        Dashboard.Write(console, report, "/tmp/diagram.mmd");
        return writer.ToString().ReplaceLineEndings("\n").Split('\n');
    }
}
