using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// The default escalation ladder: reopen at the same level while that level's reopens (<see cref="EscalationOptions.ReopensPerLevel"/>)
/// are not used up, then move up one level, and at the top level (<see cref="GrievanceWorkflowOptions.Levels"/>) close at the final level.
/// </summary>
/// <remarks>
/// With the defaults it reproduces the CM Helpline 1076 flow: dissatisfied once, L1 acts again; dissatisfied twice, L2 decides;
/// dissatisfied with L2's disposal, closed at the final level. Thread-safe; reads its options once.
/// </remarks>
public sealed class LadderEscalationPolicy : IEscalationPolicy
{
    private readonly int _levels;
    private readonly EscalationOptions _options;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The workflow options.</param>
    public LadderEscalationPolicy(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _levels = options.Value.Levels;
        _options = options.Value.Escalation;
    }

    /// <inheritdoc />
    public ValueTask<EscalationDecision> DecideAsync(EscalationRequest request, CancellationToken cancellationToken)
    {
        var grievance = request.Grievance ?? throw new ArgumentException("The request is the default value.", nameof(request));
        if (grievance.ReopensAt(grievance.Level) < _options.ReopensAllowedAt(grievance.Level))
        {
            return new(EscalationDecision.Reopen);
        }

        return new(grievance.Level < _levels ? EscalationDecision.EscalateTo(grievance.Level + 1) : EscalationDecision.CloseAtFinalLevel);
    }
}
