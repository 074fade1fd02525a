using System;

namespace Grievance.Workflow;

/// <summary>One step up the ladder, read from the audit trail: from which level to which, why, when and by whom.</summary>
/// <param name="Sequence">The history entry's sequence number.</param>
/// <param name="FromLevel">The level it left.</param>
/// <param name="ToLevel">The level it reached.</param>
/// <param name="Reason">Why.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Actor">Who (the system for a breach).</param>
public sealed record EscalationRecord(long Sequence, int FromLevel, int ToLevel, EscalationReason Reason, DateTimeOffset OccurredAt, Actor Actor);
