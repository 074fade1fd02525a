using System;

namespace Grievance.Workflow;

/// <summary>
/// An extension's new deadline is not later than the current deadline and the present, or lies beyond the extension horizon
/// (<c>Sla.ExtensionHorizonWorkingDays</c> working days from now).
/// </summary>
public sealed class DeadlineExtensionOutOfRangeException : GrievanceWorkflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="grievanceId">The grievance.</param>
    /// <param name="requested">The new deadline asked for.</param>
    /// <param name="earliest">The instant the new deadline must be later than: the later of the current deadline and the present.</param>
    /// <param name="latest">The latest new deadline allowed: the end of the horizon.</param>
    public DeadlineExtensionOutOfRangeException(GrievanceId grievanceId, DateTimeOffset requested, DateTimeOffset earliest, DateTimeOffset latest)
        : base($"The deadline of grievance {grievanceId} cannot be extended to {requested:O}: the new deadline must be later than {earliest:O} and no later than {latest:O}.", grievanceId)
    {
        Requested = requested;
        Earliest = earliest;
        Latest = latest;
    }

    /// <summary>Gets the new deadline asked for.</summary>
    public DateTimeOffset Requested { get; }

    /// <summary>Gets the instant the new deadline must be later than: the later of the current deadline and the present.</summary>
    public DateTimeOffset Earliest { get; }

    /// <summary>Gets the latest new deadline allowed.</summary>
    public DateTimeOffset Latest { get; }
}
