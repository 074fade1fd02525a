using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Escalation;

/// <summary>
/// Options of appeals after closure (<see cref="AppealGrievance"/>, CPGRAMS): whether a complainant may appeal, within which window
/// of the closure, against which outcomes, how often, and who decides within which time.
/// </summary>
/// <remarks>Left unsealed on purpose so a host can extend it.</remarks>
public class AppealOptions
{
    /// <summary>Gets or sets whether complainants may appeal against closures.</summary>
    /// <value>The default is <see langword="false"/>: off, so that the seed's flow (closed stays closed) is exact unless a desk opts in.</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets how long after a closure an appeal may be filed.</summary>
    /// <value>The default is 30 days (CPGRAMS). From 1 hour to 365 days.</value>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets the outcomes that may be appealed against. <see cref="GrievanceOutcome.Resolved"/> only after a poor rating
    /// (<see cref="PoorRatingAtMost"/>): a satisfied complainant who rated the disposal well has nothing to appeal.
    /// </summary>
    /// <value>
    /// The default is <see cref="GrievanceOutcome.Resolved"/>, <see cref="GrievanceOutcome.ClosedAtFinalLevel"/> and
    /// <see cref="GrievanceOutcome.Rejected"/>. Not empty; each also one of <see cref="GrievanceOutcome.ClosedNoFeedback"/> and
    /// <see cref="GrievanceOutcome.SpecialClosed"/> at most (never withdrawn or duplicate). Binding from configuration adds to the
    /// defaults; call <see cref="ICollection{T}.Clear"/> first to replace them.
    /// </value>
    public ISet<GrievanceOutcome> Outcomes { get; } = new SortedSet<GrievanceOutcome> { GrievanceOutcome.Resolved, GrievanceOutcome.ClosedAtFinalLevel, GrievanceOutcome.Rejected };

    /// <summary>Gets or sets the highest rating (1–5) of the satisfied feedback that still lets a resolved grievance be appealed.</summary>
    /// <value>The default is 2. From 1 to 4.</value>
    public int PoorRatingAtMost { get; set; } = 2;

    /// <summary>Gets or sets how many appeals one grievance may have.</summary>
    /// <value>The default is 1. From 1 to 5.</value>
    public int MaxPerGrievance { get; set; } = 1;

    /// <summary>
    /// Gets or sets the level of the appellate authority: an officer of the grievance's department at this level or above (or an
    /// administrator) decides; the directory's officer at this level is assigned the appeal.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the top of the ladder (<see cref="GrievanceWorkflowOptions.Levels"/>). From 1 to the ladder's height.</value>
    public int? AppellateLevel { get; set; }

    /// <summary>Gets or sets the appellate authority's time limit, in working days of the desk's calendar.</summary>
    /// <value>The default is 30. From 1 to 365.</value>
    public int DecisionWorkingDays { get; set; } = 30;
}
