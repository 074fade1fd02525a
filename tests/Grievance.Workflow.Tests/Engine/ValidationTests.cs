using FluentAssertions;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Tests.Engine;

public sealed class ValidationTests : IDisposable
{
    private static readonly GrievanceId SomeId = new(Guid.Parse("6f1c2e4a-0000-4000-8000-000000000001"));
    private readonly Seed _seed = new();

    public static TheoryData<string, Func<object>> BadInputs() => new()
    {
        { "report", () => new ReportAction(SomeId, Seed.OfficerL1, "") },
        { "report", () => new ReportAction(SomeId, Seed.OfficerL1, "   ") },
        { "report", () => new ReportAction(SomeId, Seed.OfficerL1, new string('x', 4001)) },
        { "reason", () => new RecordFeedback(SomeId, Seed.Agent, FeedbackResponse.Dissatisfied) },
        { "reason", () => new TransferGrievance(SomeId, Seed.Agent, Seed.Revenue, "") },
        { "rating", () => new RecordFeedback(SomeId, Seed.Agent, FeedbackResponse.Satisfied, rating: 6) },
        { "rating", () => new RecordFeedback(SomeId, Seed.Agent, FeedbackResponse.NotReachable, rating: 3) },
        { "reasonCode", () => new RejectGrievance(SomeId, Seed.Admin, " ") },
        { "description", () => Seed.Complaint(description: new string('क', 4001)) },
        { "grievanceId", () => new AddNote(default, Seed.Agent, "x") },
        { "toDepartment", () => new TransferGrievance(SomeId, Seed.Agent, default, "x") },
        { "value", () => new DepartmentId("") },
        { "level", () => Actor.Officer(Seed.UppclL1, Seed.Uppcl, 0) },
        { "level", () => Actor.Officer(Seed.UppclL1, Seed.Uppcl, 11) },
        { "value", () => new AddNote(SomeId, Seed.Agent, "x") { ExpectedVersion = 0 } },
        { "level", () => Escalation.EscalationDecision.EscalateTo(1) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_refused_when_the_command_is_made_naming_the_parameter(string parameter, Func<object> make)
    {
        make.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void Text_of_exactly_4000_characters_is_accepted()
    {
        var report = new ReportAction(SomeId, Seed.OfficerL1, new string('अ', 4000));

        report.Report.Should().HaveLength(GrievanceLimits.MaxTextLength);
    }

    [Fact]
    public async Task A_command_on_an_unknown_grievance_is_a_typed_not_found_and_stores_nothing()
    {
        var store = (InMemoryGrievanceStore)_seed.Services.GetRequiredService<IGrievanceStore>();

        var act = async () => await _seed.Workflow.ExecuteAsync(new AddNote(SomeId, Seed.Agent, "hello"));

        (await act.Should().ThrowAsync<GrievanceNotFoundException>()).Which.Message.Should().Be($"Grievance {SomeId} was not found.");
        store.Count.Should().Be(0);
        await FluentActions.Awaiting(async () => await _seed.Workflow.GetHistoryAsync(SomeId)).Should().ThrowAsync<GrievanceNotFoundException>();
        await FluentActions.Awaiting(async () => await _seed.Workflow.GetPermittedActionsAsync(SomeId, Seed.Admin)).Should().ThrowAsync<GrievanceNotFoundException>();
    }

    [Fact]
    public async Task Marking_a_duplicate_of_an_unknown_reference_is_a_typed_not_found_and_stores_nothing()
    {
        var g = await _seed.RegisterAsync();

        var result = await _seed.Workflow.TryExecuteAsync(new MarkDuplicate(g.Id, Seed.Agent, new ReferenceNumber("GRV-000000-NOSUCH00")));

        result.Error.Should().BeOfType<GrievanceNotFoundException>().Which.ReferenceNumber.Should().Be(new ReferenceNumber("GRV-000000-NOSUCH00"));
        (await _seed.Workflow.GetAsync(g.Id)).Should().Be(g);
    }

    [Fact]
    public async Task A_grievance_cannot_be_a_duplicate_of_itself()
    {
        var g = await _seed.RegisterAsync();

        var result = await _seed.Workflow.TryExecuteAsync(new MarkDuplicate(g.Id, Seed.Agent, g.ReferenceNumber));

        result.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Reason.Should().Be("a grievance cannot be a duplicate of itself");
        (await _seed.Workflow.GetAsync(g.Id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task Two_grievances_can_never_be_duplicates_of_each_other()
    {
        // Regression: A marked a duplicate of B and then B a duplicate of A closed both, leaving nothing open.
        var a = await _seed.RegisterAsync();
        var b = await _seed.RegisterAsync();
        await _seed.Workflow.ExecuteAsync(new MarkDuplicate(a.Id, Seed.Agent, b.ReferenceNumber));

        var cycle = await _seed.Workflow.TryExecuteAsync(new MarkDuplicate(b.Id, Seed.Agent, a.ReferenceNumber));

        cycle.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Reason.Should().Contain("cycle");
        (await _seed.Workflow.GetAsync(b.Id)).Status.Should().Be(GrievanceStatus.PendingWithOfficer, "the original stays open");
    }

    [Fact]
    public async Task A_duplicate_of_a_duplicate_is_recorded_against_the_root_of_the_chain()
    {
        var root = await _seed.RegisterAsync();
        var second = await _seed.RegisterAsync();
        var third = await _seed.RegisterAsync();
        await _seed.Workflow.ExecuteAsync(new MarkDuplicate(second.Id, Seed.Agent, root.ReferenceNumber));

        var marked = (await _seed.Workflow.ExecuteAsync(new MarkDuplicate(third.Id, Seed.Agent, second.ReferenceNumber))).Grievance;
        var backToTheChain = await _seed.Workflow.TryExecuteAsync(new MarkDuplicate(root.Id, Seed.Agent, third.ReferenceNumber));

        marked.DuplicateOf.Should().Be(root.ReferenceNumber);
        (await _seed.Workflow.GetHistoryAsync(third.Id))[^1].ReasonCode.Should().Be(root.ReferenceNumber.Value);
        backToTheChain.Error.Should().BeOfType<GrievanceActionNotAllowedException>().Which.Reason.Should().Contain("through 1 link)", "the chain is recorded against its root, so it is one link long");
        (await _seed.Workflow.GetAsync(root.Id)).Outcome.Should().Be(GrievanceOutcome.None);
    }

    [Fact]
    public async Task The_try_path_returns_errors_instead_of_throwing_them()
    {
        var g = await _seed.RegisterAsync();

        var refused = await _seed.Workflow.TryExecuteAsync(new RecordFeedback(g.Id, Seed.Agent, FeedbackResponse.Satisfied));
        var accepted = await _seed.Workflow.TryExecuteAsync(new AddNote(g.Id, Seed.Agent, "ok"));

        refused.Succeeded.Should().BeFalse();
        refused.TryGetValue(out _).Should().BeFalse();
        refused.Error.Should().BeOfType<GrievanceActionNotAllowedException>();
        refused.Invoking(r => r.GetValueOrThrow()).Should().Throw<GrievanceActionNotAllowedException>();
        accepted.Succeeded.Should().BeTrue();
        accepted.Error.Should().BeNull();
        accepted.TryGetValue(out var value).Should().BeTrue();
        value!.Grievance.Version.Should().Be(2);
        default(WorkflowResult).Invoking(r => r.Error).Should().Throw<InvalidOperationException>();
    }

    public void Dispose() => _seed.Dispose();
}
