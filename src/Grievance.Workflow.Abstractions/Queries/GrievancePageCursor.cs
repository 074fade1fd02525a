using System;

namespace Grievance.Workflow.Queries;

/// <summary>Where a page of grievances ended: their order is by registration time, then id — both immutable, so pages stay stable under concurrent writes.</summary>
/// <param name="RegisteredAt">The last grievance's registration time.</param>
/// <param name="Id">The last grievance's id.</param>
public readonly record struct GrievancePageCursor(DateTimeOffset RegisteredAt, GrievanceId Id)
{
    /// <summary>Makes the cursor that continues after a grievance.</summary>
    /// <param name="last">The last grievance of a page.</param>
    /// <returns>The cursor.</returns>
    public static GrievancePageCursor After(GrievanceSnapshot last)
    {
        ArgumentNullException.ThrowIfNull(last);
        return new(last.RegisteredAt, last.Id);
    }
}
