using Grievance.Workflow.Escalation;

namespace Grievance.Workflow.Benchmarks;

/// <summary>Reopens at the same level every time, so one grievance can cycle report → dissatisfied for as long as a benchmark runs.</summary>
internal sealed class AlwaysReopenEscalationPolicy : IEscalationPolicy
{
    public ValueTask<EscalationDecision> DecideAsync(EscalationRequest request, CancellationToken cancellationToken) => new(EscalationDecision.Reopen);
}
