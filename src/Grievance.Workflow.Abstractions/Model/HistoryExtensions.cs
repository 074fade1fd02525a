using System;
using System.Collections.Generic;

namespace Grievance.Workflow;

/// <summary>Reads facts out of a grievance's audit trail.</summary>
public static class HistoryExtensions
{
    /// <summary>Lists the escalations in a history: every entry that moved the grievance up a level, with why.</summary>
    /// <param name="history">The history, oldest first.</param>
    /// <returns>The escalations, oldest first.</returns>
    public static IReadOnlyList<EscalationRecord> Escalations(this IEnumerable<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var escalations = new List<EscalationRecord>();
        foreach (var entry in history)
        {
            if (entry.ToLevel <= entry.FromLevel || entry.Action == GrievanceAction.Transfer)
            {
                continue;
            }

            var reason = entry.Action switch
            {
                GrievanceAction.SlaBreach => EscalationReason.SlaBreach,
                GrievanceAction.Escalate => EscalationReason.Manual,
                _ => EscalationReason.Dissatisfaction,
            };
            escalations.Add(new EscalationRecord(entry.Sequence, entry.FromLevel, entry.ToLevel, reason, entry.OccurredAt, entry.Actor));
        }

        return escalations;
    }
}
