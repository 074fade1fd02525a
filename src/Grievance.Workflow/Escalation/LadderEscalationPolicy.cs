using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// The default escalation ladder.
/// <para>Dissatisfaction: reopen at the same level while that level's reopens are not used up (per category, see
/// <see cref="EscalationOptions.ReopensAllowedAt"/>), the category allows reopening and the <see cref="EscalationOptions.ReopenWindow"/>
/// since the disposal has not passed; otherwise move up one level; at the top level (<see cref="GrievanceWorkflowOptions.Levels"/>) close
/// at the final level.</para>
/// <para>A passed time limit: per <see cref="EscalationOptions.OnBreach"/>, flag a defaulter or move up one level (at the top level,
/// flag).</para>
/// </summary>
/// <remarks>
/// With the defaults it reproduces the CM Helpline 1076 flow: dissatisfied once, L1 acts again; dissatisfied twice, L2 decides;
/// dissatisfied with L2's disposal, closed at the final level; late officers are flagged as defaulters. Thread-safe; reads its
/// options once.
/// </remarks>
public sealed class LadderEscalationPolicy : IEscalationPolicy
{
    private readonly LadderCache _ladders;
    private readonly EscalationOptions _options;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">The workflow options.</param>
    public LadderEscalationPolicy(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ladders = new LadderCache(options.Value);
        _options = options.Value.Escalation;
    }

    /// <inheritdoc />
    public ValueTask<EscalationDecision> DecideAsync(EscalationRequest request, CancellationToken cancellationToken)
    {
        var grievance = request.Grievance ?? throw new ArgumentException("The request is the default value.", nameof(request));
        var ladder = _ladders.For(grievance); // its department's and category's
        var canGoUp = grievance.Level < ladder.Levels;
        if (request.Trigger == EscalationReason.SlaBreach)
        {
            return new(ladder.OnBreach == BreachAction.EscalateToNextLevel && canGoUp
                ? EscalationDecision.EscalateTo(grievance.Level + 1)
                : EscalationDecision.FlagOverdue);
        }

        var withinWindow = _options.ReopenWindow is not { } window || grievance.DisposedAt is not { } disposed || request.Now - disposed <= window;
        if (withinWindow && grievance.ReopensAt(grievance.Level) < ladder.ReopensAt(grievance.Level))
        {
            return new(EscalationDecision.Reopen);
        }

        return new(canGoUp ? EscalationDecision.EscalateTo(grievance.Level + 1) : EscalationDecision.CloseAtFinalLevel);
    }
}
