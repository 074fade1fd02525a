using System.Threading;
using System.Threading.Tasks;

namespace Grievance.Workflow.Intake;

/// <summary>The intake of an engine built without one: every registration taken, nothing flagged, no duplicates looked for.</summary>
internal sealed class TakeEveryRegistration : IIntakePolicy
{
    public static readonly TakeEveryRegistration Instance = new();

    private static readonly ValueTask<IntakeDecision> Taken = new(IntakeDecision.Accept);

    public ValueTask<IntakeDecision> DecideAsync(IntakeRequest request, CancellationToken cancellationToken) => Taken;
}
