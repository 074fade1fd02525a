using FluentAssertions;
using Grievance.Workflow.Lifecycle;

namespace Grievance.Workflow.Tests.Lifecycle;

public sealed class LifecycleDiagramTests
{
    // Pinned on purpose: any change to states, actions or guards shows up here in review. Update it together with README.md.
    private const string ExpectedMermaid = """
stateDiagram-v2
	state Open {
		Registered
		PendingWithOfficer
		AwaitingSpecialClosure
		AwaitingClarification
		AwaitingFeedback
	}
	state Closed {
		Resolved
		ClosedAtFinalLevel
		ClosedNoFeedback
		Rejected
		Withdrawn
		Duplicate
		SpecialClosed
	}
	Open --> Withdrawn : Withdraw
	Open --> Duplicate : MarkDuplicate
	Open --> Open : AddNote [status unchanged]
	Registered --> PendingWithOfficer : Route
	Registered --> Rejected : Reject
	PendingWithOfficer --> AwaitingFeedback : ReportAction
	PendingWithOfficer --> AwaitingClarification : RequestClarification
	PendingWithOfficer --> PendingWithOfficer : ExtendDeadline [extensions below the limit]
	PendingWithOfficer --> PendingWithOfficer : Transfer [transfers below the limit]
	PendingWithOfficer --> PendingWithOfficer : Escalate [a higher level exists]
	PendingWithOfficer --> PendingWithOfficer : SlaBreach [escalation policy escalates on breach]
	PendingWithOfficer --> PendingWithOfficer : SlaBreach [escalation policy flags a defaulter]
	PendingWithOfficer --> Rejected : Reject
	PendingWithOfficer --> AwaitingSpecialClosure : ProposeSpecialClosure [special closures allowed]
	AwaitingSpecialClosure --> SpecialClosed : AcceptSpecialClosure
	AwaitingSpecialClosure --> PendingWithOfficer : RejectSpecialClosure
	AwaitingClarification --> PendingWithOfficer : ProvideClarification
	AwaitingFeedback --> Resolved : RecordSatisfied
	AwaitingFeedback --> PendingWithOfficer : RecordDissatisfied [escalation policy reopens or escalates]
	AwaitingFeedback --> ClosedAtFinalLevel : RecordDissatisfied [escalation policy closes at the final level]
	AwaitingFeedback --> ClosedNoFeedback : RecordUnreachable [feedback policy closes without feedback]
	AwaitingFeedback --> AwaitingFeedback : RecordUnreachable [feedback policy keeps waiting]
	AwaitingFeedback --> ClosedNoFeedback : FeedbackWindowExpired [feedback policy closes without feedback]
	AwaitingFeedback --> AwaitingFeedback : FeedbackWindowExpired [feedback policy keeps waiting]
	Resolved --> UnderAppeal : Appeal [appeals allowed against this outcome, within their window and number]
	Resolved --> PendingWithOfficer : ReopenByComplainant [reopening by the complainant allowed and within its window]
	Resolved --> ClosedAtFinalLevel : ReopenByComplainant [reopening by the complainant allowed and within its window]
	ClosedAtFinalLevel --> UnderAppeal : Appeal [appeals allowed against this outcome, within their window and number]
	ClosedNoFeedback --> UnderAppeal : Appeal [appeals allowed against this outcome, within their window and number]
	Rejected --> UnderAppeal : Appeal [appeals allowed against this outcome, within their window and number]
	SpecialClosed --> UnderAppeal : Appeal [appeals allowed against this outcome, within their window and number]
	UnderAppeal --> UnderAppeal : AddNote [status unchanged]
	UnderAppeal --> PendingWithOfficer : AllowAppeal [it has a department]
	UnderAppeal --> Registered : AllowAppeal [it never reached a department]
	UnderAppeal --> Resolved : UpholdClosure [the closure under appeal was Resolved]
	UnderAppeal --> ClosedAtFinalLevel : UpholdClosure [the closure under appeal was ClosedAtFinalLevel]
	UnderAppeal --> ClosedNoFeedback : UpholdClosure [the closure under appeal was ClosedNoFeedback]
	UnderAppeal --> Rejected : UpholdClosure [the closure under appeal was Rejected]
	UnderAppeal --> SpecialClosed : UpholdClosure [the closure under appeal was SpecialClosed]
[*] --> Registered
""";

    [Fact]
    public void The_Mermaid_diagram_is_the_pinned_lifecycle()
    {
        GrievanceLifecycleDiagram.ToMermaid().ReplaceLineEndings("\n").Trim().Should().Be(ExpectedMermaid.ReplaceLineEndings("\n").Trim());
    }

    [Fact]
    public void The_DOT_graph_has_every_state_and_closed_as_a_cluster_of_the_outcomes()
    {
        var dot = GrievanceLifecycleDiagram.ToDot();

        dot.Should().StartWith("digraph");
        foreach (var state in new[] { "Registered", "PendingWithOfficer", "AwaitingFeedback", "Resolved", "ClosedAtFinalLevel", "ClosedNoFeedback", "Rejected", "Withdrawn", "Duplicate", "AwaitingSpecialClosure", "SpecialClosed", "UnderAppeal" })
        {
            dot.Should().Contain(state);
        }

        dot.Should().Contain("subgraph \"cluster");
        dot.Should().Contain("transfers below the limit");
    }
}
