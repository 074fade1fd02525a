using System;
using System.Collections.Generic;

namespace Grievance.Workflow.Storage;

/// <summary>The argument checks every store's batch operations share. Source shared by the stores, not a public API.</summary>
internal static class ChangeBatches
{
    /// <summary>Throws unless a batch is given and holds at most <see cref="GrievanceLimits.MaxBatchSize"/> items.</summary>
    /// <param name="items">The batch.</param>
    /// <param name="what">What the items are, for the message ("changes", "commands"…).</param>
    /// <param name="paramName">The argument's name.</param>
    public static void ValidateCount<T>(IReadOnlyList<T> items, string what, string paramName)
    {
        ArgumentNullException.ThrowIfNull(items, paramName);
        if (items.Count > GrievanceLimits.MaxBatchSize)
        {
            throw new ArgumentException($"A batch holds at most {GrievanceLimits.MaxBatchSize} {what}; got {items.Count}.", paramName);
        }
    }

    /// <summary>Throws unless the ids are at most <see cref="GrievanceLimits.MaxBatchSize"/>.</summary>
    public static void ValidateIds(IReadOnlyList<GrievanceId> ids) => ValidateCount(ids, "grievances", nameof(ids));

    /// <summary>Throws unless the changes are at most <see cref="GrievanceLimits.MaxBatchSize"/>, none is the default value and each is for another grievance.</summary>
    public static void Validate(IReadOnlyList<GrievanceChange> changes)
    {
        ValidateCount(changes, "changes", nameof(changes));
        var seen = new HashSet<GrievanceId>();
        for (var i = 0; i < changes.Count; i++)
        {
            var grievance = changes[i].Grievance ?? throw new ArgumentException($"The change at index {i} is the default value.", nameof(changes));
            if (!seen.Add(grievance.Id))
            {
                throw new ArgumentException($"Grievance {grievance.Id} has two changes in one batch (the second at index {i}); a batch holds one change per grievance.", nameof(changes));
            }
        }
    }

    /// <summary>Throws unless a claimant's or lease holder's name is non-blank and at most <see cref="GrievanceLimits.MaxIdentifierLength"/> characters.</summary>
    public static void ValidateName(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (value.Length > GrievanceLimits.MaxIdentifierLength)
        {
            throw new ArgumentException($"A claimant or lease holder name has at most {GrievanceLimits.MaxIdentifierLength} characters; got {value.Length}.", paramName);
        }
    }
}
