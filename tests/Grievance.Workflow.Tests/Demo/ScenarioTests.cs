using System.Text;
using FluentAssertions;
using Grievance.Workflow.Demo.Replay;

using Grievance.Workflow.Tests.Support;

namespace Grievance.Workflow.Tests.Demo;

/// <summary>The replay mode: the shipped scenarios end as their comments say; a bad file names the line and the problem.</summary>
public sealed class ScenarioTests
{
    private static string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    [Fact]
    public async Task The_seed_scenario_ends_resolved_at_L2_and_closed_at_the_final_level()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("seed-dissatisfied-twice.json")), default);

        grievances.Select(g => (g.Name, g.Status, g.Outcome, g.Level, g.Version)).Should().Equal(
            ("A", GrievanceStatus.Closed, GrievanceOutcome.Resolved, 2, 7L),
            ("B", GrievanceStatus.Closed, GrievanceOutcome.ClosedAtFinalLevel, 2, 7L));
        grievances[0].History.Select(e => e.Action).Should().Equal(
            GrievanceAction.Register, GrievanceAction.ReportAction, GrievanceAction.RecordDissatisfied, GrievanceAction.ReportAction,
            GrievanceAction.RecordDissatisfied, GrievanceAction.ReportAction, GrievanceAction.RecordSatisfied);
        grievances[0].History[4].ReasonCode.Should().Be(HistoryReasonCodes.EscalatedOnDissatisfaction);
        grievances[0].History[0].At.Should().Be(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(5.5)));
        grievances[0].History[1].At.Should().Be(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.FromHours(5.5)), "\"+2d\" steps from the previous command");
    }

    [Fact]
    public async Task The_reopening_scenario_resolves_A_twice_at_L1_and_sends_B_up_to_L2()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("complainant-reopens.json")), default);

        grievances.Select(g => (g.Name, g.Status, g.Outcome, g.Level)).Should().Equal(
            ("A", GrievanceStatus.Closed, GrievanceOutcome.Resolved, 1),
            ("B", GrievanceStatus.PendingWithOfficer, GrievanceOutcome.None, 2));
        grievances[0].History.Select(e => e.Action).Should().Equal(
            GrievanceAction.Register, GrievanceAction.ReportAction, GrievanceAction.RecordSatisfied, GrievanceAction.ReopenByComplainant,
            GrievanceAction.ReportAction, GrievanceAction.RecordSatisfied);
        grievances[0].History[3].ReasonCode.Should().Be(HistoryReasonCodes.Reopened);
        grievances[1].History[^1].ReasonCode.Should().Be(HistoryReasonCodes.EscalatedOnDissatisfaction);
    }

    [Fact]
    public async Task The_special_closure_scenario_closes_A_as_sub_judice_and_sends_B_back_to_its_officer_who_acts()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("special-closure.json")), default);

        grievances.Select(g => (g.Name, g.Status, g.Outcome, g.Level)).Should().Equal(
            ("A", GrievanceStatus.Closed, GrievanceOutcome.SpecialClosed, 1),
            ("B", GrievanceStatus.AwaitingFeedback, GrievanceOutcome.None, 1));
        grievances[0].History.Select(e => (e.Action, e.ReasonCode)).Should().Equal(
            (GrievanceAction.Register, (string?)null), (GrievanceAction.ProposeSpecialClosure, "sub-judice"), (GrievanceAction.AcceptSpecialClosure, "sub-judice"));
        grievances[1].History.Select(e => e.Action).Should().Equal(
            GrievanceAction.Register, GrievanceAction.ProposeSpecialClosure, GrievanceAction.RejectSpecialClosure, GrievanceAction.ReportAction);
        grievances[1].History[2].ReasonCode.Should().Be(HistoryReasonCodes.SpecialClosureRejected);
    }

    [Fact]
    public async Task The_intake_scenario_records_B_as_As_likely_duplicate_refuses_D_at_the_category_limit_and_takes_E_the_next_day()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("intake-limits.json")), default);

        grievances.Select(g => g.Name).Should().Equal("A", "B", "C", "E");
        var (a, b, e) = (grievances[0], grievances[1], grievances[3]);
        b.LikelyDuplicates.Should().Equal(a.ReferenceNumber);
        b.Outcome.Should().Be(GrievanceOutcome.Duplicate, "triage confirmed it");
        e.LikelyDuplicates.Should().Equal([a.ReferenceNumber], "B, closed as a duplicate, is not offered again");
        grievances[2].LikelyDuplicates.Should().BeNull("a water complaint duplicates no electricity one");
    }

    [Fact]
    public async Task A_command_expected_refused_that_is_taken_stops_the_replay_naming_its_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"expect-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "start": "2026-11-02T10:00:00+05:30",
              "routing": [ { "category": "electricity", "department": "uppcl", "officers": ["je", "xen"] } ],
              "commands": [
                { "at": "2026-11-02T10:00:00+05:30", "grievance": "A", "do": "register", "by": "agent:agent-017", "channel": "helpline-1076",
                  "category": "electricity", "district": "Lucknow", "complainant": "citizen-42", "text": "No supply.", "expect": "refused" }
              ]
            }
            """);
        try
        {
            var act = async () => await ScenarioRunner.RunAsync(ScenarioReader.Read(file), default);

            (await act.Should().ThrowAsync<ScenarioException>()).Which.Message.Should().Contain("line 5").And.Contain("was expected to be refused, but it was taken");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_appeal_scenario_sends_A_back_to_L1_on_appeal_and_upholds_Bs_closure()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("appeal.json")), default);

        grievances.Select(g => (g.Name, g.Status, g.Outcome, g.Level)).Should().Equal(
            ("A", GrievanceStatus.AwaitingFeedback, GrievanceOutcome.None, 1),
            ("B", GrievanceStatus.Closed, GrievanceOutcome.ClosedAtFinalLevel, 2));
        grievances[0].History.Select(e => e.Action).Should().Equal(
            GrievanceAction.Register, GrievanceAction.Reject, GrievanceAction.Appeal, GrievanceAction.AllowAppeal, GrievanceAction.ReportAction);
        grievances[1].History.Select(e => e.Action).TakeLast(2).Should().Equal(GrievanceAction.Appeal, GrievanceAction.UpholdClosure);
        grievances[1].History[^1].ReasonCode.Should().Be(HistoryReasonCodes.AppealUpheld);
    }

    [Fact]
    public async Task The_ladder_scenario_sends_A_up_revenues_three_levels_and_closes_B_at_uppcls_second()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("department-ladders.json")), default);

        grievances.Select(g => (g.Name, g.Status, g.Outcome, g.Level)).Should().Equal(
            ("A", GrievanceStatus.Closed, GrievanceOutcome.Resolved, 3),
            ("B", GrievanceStatus.Closed, GrievanceOutcome.ClosedAtFinalLevel, 2));
        grievances[0].History.Select(e => (e.Action, e.ToLevel)).Should().ContainInOrder(
            (GrievanceAction.Escalate, 2), (GrievanceAction.SlaBreach, 3), (GrievanceAction.ReportAction, 3));
    }

    [Fact]
    public async Task The_bulk_scenario_rejects_the_triage_backlog_once_though_the_batch_runs_twice()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("bulk-triage-rejection.json")), default);

        grievances.Select(g => (g.Name, g.Status, g.Outcome, g.Version)).Should().Equal(
            ("A", GrievanceStatus.Closed, GrievanceOutcome.Rejected, 2L),
            ("B", GrievanceStatus.Closed, GrievanceOutcome.Rejected, 2L),
            ("C", GrievanceStatus.PendingWithOfficer, GrievanceOutcome.None, 1L));
        grievances[0].History[^1].ReasonCode.Should().Be("outside-jurisdiction");
    }

    [Fact]
    public async Task The_second_scenario_shows_a_transfer_a_paused_clock_an_extension_a_duplicate_a_rejection_and_a_defaulter()
    {
        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Read(Shipped("transfer-clarification-breach.json")), default);

        grievances.Select(g => (g.Name, g.Status, g.Outcome, g.Department)).Should().Equal(
            ("land", GrievanceStatus.PendingWithOfficer, GrievanceOutcome.None, "revenue"),
            ("light", GrievanceStatus.Closed, GrievanceOutcome.Resolved, "uppcl"),
            ("light-again", GrievanceStatus.Closed, GrievanceOutcome.Duplicate, "uppcl"),
            ("family-plot", GrievanceStatus.Closed, GrievanceOutcome.Rejected, "revenue"));
        grievances[0].DueAt.Should().Be(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.FromHours(5.5)));
        grievances[1].History.Select(e => e.Action).Should().Contain(GrievanceAction.SlaBreach);
    }

    [Fact]
    public async Task The_scenario_shown_in_the_README_replays()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var start = readme.IndexOf("```jsonc", StringComparison.Ordinal) + "```jsonc".Length;
        var json = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];

        var grievances = await ScenarioRunner.RunAsync(ScenarioReader.Parse("README.md", Encoding.UTF8.GetBytes(json)), default);

        var a = grievances.Should().ContainSingle().Which;
        a.Status.Should().Be(GrievanceStatus.PendingWithOfficer);
        a.History.Select(e => e.Action).Should().StartWith([GrievanceAction.Register, GrievanceAction.ReportAction, GrievanceAction.RecordDissatisfied]);
        a.History[2].ReasonCode.Should().Be(HistoryReasonCodes.Reopened);
    }

    [Theory]
    [InlineData("{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"commands\": [\n    { \"at\": \"+1h\" \"do\": \"sweep\" }\n  ]\n}", 4, "not valid JSON")]
    [InlineData("{\n  \"commands\": [ { \"do\": \"sweep\", \"at\": \"+1h\" } ]\n}", 1, "\"start\" is required")]
    [InlineData("{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"commands\": [\n    { \"at\": \"+1h\", \"do\": \"sweep\" },\n\n    { \"at\": \"+1h\", \"grievance\": \"A\", \"do\": \"report\", \"by\": \"agent:a\", \"text\": \"x\" }\n  ]\n}", 6, "grievance 'A' is not registered yet")]
    [InlineData("{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"commands\": [\n    { \"at\": \"+1h\", \"grievance\": \"A\", \"do\": \"register\", \"by\": \"clerk:7\" }\n  ]\n}", 4, "'clerk:7' is not an actor")]
    [InlineData("{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"commands\": [\n    { \"at\": \"yesterday\", \"do\": \"sweep\" }\n  ]\n}", 4, "'yesterday' is neither an ISO 8601 time")]
    [InlineData("{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"routing\": [ { \"category\": \"electricity\", \"department\": \"uppcl\", \"officers\": [\"je\"] } ],\n  \"commands\": [\n    { \"at\": \"+1h\", \"grievance\": \"A\", \"do\": \"register\", \"by\": \"agent:a\", \"channel\": \"web\", \"category\": \"electricity\", \"district\": \"Agra\", \"complainant\": \"c\", \"text\": \"x\" },\n    { \"at\": \"+1h\", \"grievance\": \"A\", \"do\": \"feedback\", \"by\": \"agent:a\", \"response\": \"satisfied\" }\n  ]\n}", 6, "'feedback' on grievance 'A' was refused")]
    [InlineData("{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"commands\": [\n    { \"at\": \"+1h\", \"do\": \"sweep\" },\n    { \"at\": \"2026-11-01T10:00:00+05:30\", \"do\": \"sweep\" }\n  ]\n}", 5, "commands must be in time order")]
    [InlineData("{\n  \"start\": \"2026-11-02T10:00:00+05:30\",\n  \"commands\": [\n    { \"at\": \"+1h\", \"grievance\": \"A\", \"do\": \"fly\", \"by\": \"system\" }\n  ]\n}", 4, "'fly' is not an action")]
    public async Task A_bad_scenario_names_the_line_and_the_problem(string json, long line, string problem)
    {
        var act = async () => await ScenarioRunner.RunAsync(ScenarioReader.Parse("bad.json", Encoding.UTF8.GetBytes(json)), default);

        var error = (await act.Should().ThrowAsync<ScenarioException>()).Which;
        error.Line.Should().Be(line);
        error.Problem.Should().Contain(problem);
        error.Message.Should().StartWith($"bad.json, line {line}: ");
    }
}
