using System;

namespace Grievance.Workflow.Sweeping;

/// <summary>A grievance whose timer is due, as the store's due-work query returns it; also the keyset cursor for the next page.</summary>
/// <param name="GrievanceId">The grievance.</param>
/// <param name="DueAt">When the timer ran out.</param>
/// <param name="TimerToken">The grievance's timer token when read.</param>
/// <param name="Version">The grievance's version when read.</param>
public readonly record struct DueWorkItem(GrievanceId GrievanceId, DateTimeOffset DueAt, long TimerToken, long Version);
