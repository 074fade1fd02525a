using System;
using Grievance.Workflow.Internal;

namespace Grievance.Workflow;

/// <summary>The officer reports the action taken and disposal (the <i>aakhya</i>); the grievance then awaits the complainant's feedback.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record ReportAction : GrievanceCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="actor">Who issues it.</param>
    /// <param name="report">The disposal report; not blank, at most <see cref="GrievanceLimits.MaxTextLength"/> characters.</param>
    /// <exception cref="ArgumentException">An argument is blank, too long or the default value.</exception>
    public ReportAction(GrievanceId grievanceId, Actor actor, string report)
        : base(grievanceId, actor)
    {
        Report = Guard.Text(report, nameof(report));
    }

    /// <inheritdoc />
    public override GrievanceAction Action => GrievanceAction.ReportAction;

    /// <summary>Gets the disposal report.</summary>
    public string Report { get; }
}
