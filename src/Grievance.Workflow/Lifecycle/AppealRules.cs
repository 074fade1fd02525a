using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Lifecycle;

/// <summary>The appeal rules from the options that the lifecycle's guard and the engine compare against.</summary>
/// <param name="Window">How long after a closure an appeal may be filed.</param>
/// <param name="Outcomes">The outcomes that may be appealed against.</param>
/// <param name="MaxPerGrievance">Appeals allowed per grievance.</param>
/// <param name="PoorRatingAtMost">The highest rating that lets a resolved grievance be appealed.</param>
/// <param name="AppellateLevel">The appellate authority's level, or <see langword="null"/> for the top of each grievance's ladder.</param>
/// <param name="DecisionWorkingDays">The appellate authority's time limit, in working days.</param>
internal sealed record AppealRules(TimeSpan Window, IReadOnlySet<GrievanceOutcome> Outcomes, int MaxPerGrievance, int PoorRatingAtMost, int? AppellateLevel, int DecisionWorkingDays);
