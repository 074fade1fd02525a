using System.Collections.Generic;
using Grievance.Workflow.Clocks;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Events;
using Grievance.Workflow.Privacy;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Routing;

namespace Grievance.Workflow;

/// <summary>
/// Options of the grievance workflow. The defaults reproduce the UP CM Helpline 1076 / IGRS flow: two officer levels, one
/// reopen at L1, none at L2, 7 working days per level, at most 3 transfers, a passed time limit flags a defaulter.
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it. Validated on start; read once by the engine.</remarks>
public class GrievanceWorkflowOptions
{
    /// <summary>The name of the configuration section the options bind from by convention.</summary>
    public const string SectionName = "GrievanceWorkflow";

    /// <summary>Gets or sets how many officer levels the ladder has (IGRS L1–L4, MP CM Helpline L1–L5).</summary>
    /// <value>The default is 2 (L1 and L2), as in the CM Helpline 1076 flow. From 1 to 10.</value>
    public int Levels { get; set; } = 2;

    /// <summary>Gets or sets how often a grievance may be transferred to another department.</summary>
    /// <value>The default is 3, as in CPGRAMS. From 0 to 100.</value>
    public int MaxTransfers { get; set; } = 3;

    /// <summary>
    /// Gets or sets how often a command without an expected version is re-decided after losing a concurrent write. Each retry
    /// first waits a random time (full jitter) up to <see cref="ConcurrencyRetryBaseDelay"/> × 2^(retry − 1), capped at
    /// <see cref="ConcurrencyRetryMaxDelay"/>, so racing callers spread out instead of colliding again. When the budget runs out the
    /// command fails with a <see cref="GrievanceConcurrencyException"/> whose <see cref="GrievanceConcurrencyException.RetriesExhausted"/> is set.
    /// </summary>
    /// <value>The default is 20. From 0 to 100.</value>
    public int ConcurrencyRetryLimit { get; set; } = 20;

    /// <summary>Gets or sets the first retry's longest wait after a lost concurrent write; later retries double it.</summary>
    /// <value>The default is 2 ms. From 0 to 10 s. The wait is real time, whatever <see cref="System.TimeProvider"/> the workflow runs on.</value>
    public System.TimeSpan ConcurrencyRetryBaseDelay { get; set; } = System.TimeSpan.FromMilliseconds(2);

    /// <summary>Gets or sets the longest wait before one retry after a lost concurrent write.</summary>
    /// <value>The default is 100 ms. At least <see cref="ConcurrencyRetryBaseDelay"/>, at most 30 s.</value>
    public System.TimeSpan ConcurrencyRetryMaxDelay { get; set; } = System.TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets the prefix of reference numbers issued by the default generator.</summary>
    /// <value>The default is <c>GRV</c>. 1 to 16 letters or digits.</value>
    public string ReferenceNumberPrefix { get; set; } = "GRV";

    /// <summary>Gets the options of the default escalation policy.</summary>
    public EscalationOptions Escalation { get; } = new();

    /// <summary>
    /// Gets the ladders of departments that differ from the global one (by department id): height, reopens and time limits per
    /// level, the breach rule, and overrides per category within the department. Most specific wins: department + category,
    /// department, then these global options. A transfer adopts the new department's ladder.
    /// </summary>
    /// <value>The default is empty: every department climbs the global ladder.</value>
    public IDictionary<string, DepartmentLadderOptions> Departments { get; } = new Dictionary<string, DepartmentLadderOptions>(System.StringComparer.Ordinal);

    /// <summary>Resolves the ladder of a department and category from these options (most specific wins).</summary>
    /// <param name="department">The department, or <see langword="null"/> for a grievance in triage (the global ladder).</param>
    /// <param name="category">The category code.</param>
    /// <returns>The ladder; a new object each call, so callers on a hot path keep the ones they use.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="category"/> is <see langword="null"/>.</exception>
    public Ladder LadderFor(DepartmentId? department, string category)
    {
        System.ArgumentNullException.ThrowIfNull(category);
        var rules = department is { } d && Departments.TryGetValue(d.Value, out var found) ? found : null;
        return new Ladder(this, department?.Value, category, rules, rules is not null && rules.Categories.TryGetValue(category, out var specific) ? specific : null);
    }

    /// <summary>Gets the options of reopening by the complainant (<see cref="ReopenGrievance"/>); off by default.</summary>
    public ComplainantReopenOptions Reopen { get; } = new();

    /// <summary>Gets the options of special closures (<see cref="ProposeSpecialClosure"/>); off by default.</summary>
    public SpecialClosureOptions SpecialClosure { get; } = new();

    /// <summary>Gets the options of appeals after closure (<see cref="AppealGrievance"/>); off by default.</summary>
    public AppealOptions Appeals { get; } = new();

    /// <summary>Gets the options of the shipped intake policy (limits per complainant, likely duplicates); off by default.</summary>
    public Intake.IntakeOptions Intake { get; } = new();

    /// <summary>Gets the options of the default feedback policy.</summary>
    public FeedbackOptions Feedback { get; } = new();

    /// <summary>Gets the options of the default routing policy and officer directory.</summary>
    public RoutingOptions Routing { get; } = new();

    /// <summary>Gets the officers' time limits.</summary>
    public SlaOptions Sla { get; } = new();

    /// <summary>Gets the options of the default business calendar.</summary>
    public CalendarOptions Calendar { get; } = new();

    /// <summary>Gets the options of the outbox dispatcher.</summary>
    public OutboxOptions Outbox { get; } = new();

    /// <summary>Gets the options of the due-work sweeper.</summary>
    public Sweeping.SweepOptions Sweep { get; } = new();

    /// <summary>Gets the ranking's parameters and weights.</summary>
    public RankingOptions Ranking { get; } = new();

    /// <summary>Gets the retention rule for complainants' personal data.</summary>
    public RetentionOptions Retention { get; } = new();
}
