using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Authorization;

/// <summary>
/// The default authorization rules. Registration: a complainant for themselves only; a helpline agent, an administrator or the
/// system (a channel integration) on anyone's behalf. Routing out of triage:
/// administrator, system. Reporting action and rejecting: the officer holding the grievance (or one above them in its
/// department), an administrator. Transfer: those, and the helpline. Feedback: the helpline agent, or the complainant who filed
/// it (unreachable calls: the helpline only). Withdrawal: the complainant who filed it, an administrator. Duplicates: the
/// helpline, an administrator, the holding officer. Clarification requests and interim extensions: the holding officer, an
/// administrator; clarifications: the complainant who filed it, the helpline. Manual escalation: an administrator. Timers (breaches,
/// feedback windows): the system only (administrators run the due-work sweeper, which acts as the system). Notes: any person involved; never the system.
/// Special closures: proposed by the holding officer (or one above them), an administrator; accepted or rejected by an officer of
/// its department at <see cref="Escalation.SpecialClosureOptions.ApproverLevel"/> or above and above the level it is at, an administrator.
/// Appeals: the complainant who filed it, the helpline, an administrator; decided by an officer of its department at the appellate
/// level (<see cref="Escalation.AppealOptions.AppellateLevel"/>, the top of the ladder by default) or above, an administrator.
/// </summary>
/// <remarks>Thread-safe and immutable.</remarks>
public sealed class RoleBasedAuthorizationPolicy : IAuthorizationPolicy
{
    private static readonly ValueTask<AuthorizationDecision> Allowed = new(AuthorizationDecision.Allow);

    private readonly int _approverLevel;
    private readonly int? _appellateLevel;
    private readonly Escalation.LadderCache _ladders;

    /// <summary>Creates the policy with the default options (special closures decided from level 2).</summary>
    public RoleBasedAuthorizationPolicy()
        : this(Options.Create(new GrievanceWorkflowOptions()))
    {
    }

    /// <summary>Creates the policy with the workflow's options, which say from which level special closures are decided.</summary>
    /// <param name="options">The workflow's options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public RoleBasedAuthorizationPolicy(IOptions<GrievanceWorkflowOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _approverLevel = options.Value.SpecialClosure.ApproverLevel;
        _appellateLevel = options.Value.Appeals.AppellateLevel;
        _ladders = new Escalation.LadderCache(options.Value);
    }

    /// <inheritdoc />
    public ValueTask<AuthorizationDecision> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken)
    {
        var actor = request.Actor ?? throw new ArgumentException("The request has no actor (it is the default value).", nameof(request));
        var grievance = request.Grievance;
        if (request.Action == GrievanceAction.Register || grievance is null)
        {
            if (request.Action != GrievanceAction.Register || actor.Role == ActorRole.Officer)
            {
                return Deny("only a complainant, helpline agent, administrator or the system registers grievances");
            }

            return actor.Role != ActorRole.Complainant || string.Equals(actor.Id, request.ComplainantId, StringComparison.Ordinal)
                ? Allowed
                : Deny("a complainant registers grievances only for themselves");
        }

        var role = actor.Role;
        var allowed = request.Action switch
        {
            GrievanceAction.Route => role is ActorRole.Administrator or ActorRole.System,
            GrievanceAction.ReportAction or GrievanceAction.Reject or GrievanceAction.ProposeSpecialClosure => role == ActorRole.Administrator || HoldsIt(actor, grievance),
            GrievanceAction.AcceptSpecialClosure or GrievanceAction.RejectSpecialClosure => role == ActorRole.Administrator || DecidesSpecialClosures(actor, grievance),
            GrievanceAction.Appeal => role is ActorRole.Administrator or ActorRole.HelplineAgent || IsTheComplainant(actor, grievance),
            GrievanceAction.UpholdClosure or GrievanceAction.AllowAppeal => role == ActorRole.Administrator || (InItsDepartment(actor, grievance) && actor.Level >= AppellateLevel(grievance)),
            GrievanceAction.Transfer => role is ActorRole.Administrator or ActorRole.HelplineAgent || HoldsIt(actor, grievance),
            GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied => role == ActorRole.HelplineAgent || IsTheComplainant(actor, grievance),
            GrievanceAction.RecordUnreachable => role == ActorRole.HelplineAgent,
            GrievanceAction.Withdraw => role == ActorRole.Administrator || IsTheComplainant(actor, grievance),
            GrievanceAction.ReopenByComplainant => role is ActorRole.Administrator or ActorRole.HelplineAgent || IsTheComplainant(actor, grievance),
            GrievanceAction.MarkDuplicate => role is ActorRole.Administrator or ActorRole.HelplineAgent || HoldsIt(actor, grievance),
            GrievanceAction.AddNote => role is ActorRole.Administrator or ActorRole.HelplineAgent || IsTheComplainant(actor, grievance) || InItsDepartment(actor, grievance),
            GrievanceAction.RequestClarification or GrievanceAction.ExtendDeadline => role == ActorRole.Administrator || HoldsIt(actor, grievance),
            GrievanceAction.ProvideClarification => role == ActorRole.HelplineAgent || IsTheComplainant(actor, grievance),
            GrievanceAction.Escalate => role == ActorRole.Administrator,
            GrievanceAction.SlaBreach or GrievanceAction.FeedbackWindowExpired => role == ActorRole.System,
            _ => false,
        };

        return allowed ? Allowed : Deny(Explain(request.Action));
    }

    private static bool IsTheComplainant(Actor actor, GrievanceSnapshot grievance)
        => actor.Role == ActorRole.Complainant && string.Equals(actor.Id, grievance.ComplainantId, StringComparison.Ordinal);

    private static bool InItsDepartment(Actor actor, GrievanceSnapshot grievance)
        => actor.Role == ActorRole.Officer && actor.Department == grievance.Department;

    private int AppellateLevel(GrievanceSnapshot grievance) => _appellateLevel ?? _ladders.For(grievance).Levels;

    private bool DecidesSpecialClosures(Actor actor, GrievanceSnapshot grievance)
        => InItsDepartment(actor, grievance) && actor.Level >= _approverLevel && actor.Level > grievance.Level;

    private static bool HoldsIt(Actor actor, GrievanceSnapshot grievance)
    {
        if (!InItsDepartment(actor, grievance))
        {
            return false;
        }

        return actor.Level > grievance.Level
            || (actor.Level == grievance.Level && (grievance.Officer is null || string.Equals(grievance.Officer.Value.Value, actor.Id, StringComparison.Ordinal)));
    }

    private string Explain(GrievanceAction action) => action switch
    {
        GrievanceAction.Route => "only an administrator or the system routes grievances out of triage",
        GrievanceAction.Appeal => "only the complainant who filed it, the helpline on their behalf or an administrator appeals",
        GrievanceAction.UpholdClosure or GrievanceAction.AllowAppeal => $"only an officer of its department at the appellate level {(_appellateLevel is { } level ? level.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(the top of its ladder)")} or above, or an administrator, decides an appeal",
        GrievanceAction.AcceptSpecialClosure or GrievanceAction.RejectSpecialClosure => $"only an officer of its department at level {_approverLevel} or above, and above the level it is at, or an administrator decides on a special closure",
        GrievanceAction.ReportAction or GrievanceAction.Reject or GrievanceAction.ProposeSpecialClosure => "only the officer it is pending with, an officer above them in its department, or an administrator may do this",
        GrievanceAction.Transfer => "only the officer it is pending with, an officer above them, the helpline or an administrator transfers it",
        GrievanceAction.RecordSatisfied or GrievanceAction.RecordDissatisfied => "only the helpline agent or the complainant who filed it records feedback",
        GrievanceAction.RecordUnreachable => "only the helpline records an unreachable feedback call",
        GrievanceAction.Withdraw => "only the complainant who filed it or an administrator withdraws it",
        GrievanceAction.ReopenByComplainant => "only the complainant who filed it, the helpline on their behalf or an administrator reopens it",
        GrievanceAction.MarkDuplicate => "only the helpline, an administrator or the officer holding it marks it a duplicate",
        GrievanceAction.RequestClarification or GrievanceAction.ExtendDeadline => "only the officer it is pending with, an officer above them in its department, or an administrator may do this",
        GrievanceAction.ProvideClarification => "only the complainant who filed it or the helpline provides a clarification",
        GrievanceAction.Escalate => "only an administrator escalates by hand",
        GrievanceAction.SlaBreach or GrievanceAction.FeedbackWindowExpired => "only the system's due-work sweeper acts on timers",
        _ => "only a person involved with the grievance adds notes",
    };

    private static ValueTask<AuthorizationDecision> Deny(string reason) => new(AuthorizationDecision.Deny(reason));
}
