using Grievance.Workflow.Intake;

namespace Grievance.Workflow;

/// <summary>
/// The intake policy refused a registration: the complainant reached a limit (for example five complaints a day). Names the limit,
/// its value and the count, never the complainant.
/// </summary>
public sealed class IntakeLimitExceededException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The id the registration would have given the grievance.</param>
    /// <param name="limit">The limit reached.</param>
    public IntakeLimitExceededException(GrievanceId grievanceId, IntakeLimit limit)
        : base(Describe(grievanceId, limit ?? throw new System.ArgumentNullException(nameof(limit))), grievanceId)
    {
        Limit = limit;
    }

    /// <summary>Gets the limit reached.</summary>
    public IntakeLimit Limit { get; }

    private static string Describe(GrievanceId id, IntakeLimit limit)
        => $"Grievance {id} was not registered: its complainant already filed {limit.Filed} {(limit.Category is { } c ? $"'{c}' complaints" : "complaints")} "
            + $"today and the limit '{limit.Code}' allows {limit.Limit}.";
}
