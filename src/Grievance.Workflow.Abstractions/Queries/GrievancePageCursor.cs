using System;

namespace Grievance.Workflow.Queries;

/// <summary>
/// Where a page of grievances ended, in the order the page was read in: the last grievance's sort time and id. Pages read by
/// <see cref="GrievanceOrder.RegistrationTime"/> are stable under concurrent writes (the key never changes); in the other orders a
/// grievance whose deadline or disposal moves while paging may show up on a later page again or not at all, as in any live queue.
/// </summary>
/// <param name="Order">The order the page was read in; the next page must be read in the same order.</param>
/// <param name="Position">The last grievance's sort time (its registration, due or disposal time, by <paramref name="Order"/>).</param>
/// <param name="Id">The last grievance's id.</param>
public readonly record struct GrievancePageCursor(GrievanceOrder Order, DateTimeOffset Position, GrievanceId Id)
{
    /// <summary>Makes the cursor that continues after a grievance, in registration order.</summary>
    /// <param name="last">The last grievance of a page.</param>
    /// <returns>The cursor.</returns>
    public static GrievancePageCursor After(GrievanceSnapshot last) => After(last, GrievanceOrder.RegistrationTime);

    /// <summary>Makes the cursor that continues after a grievance, in an order.</summary>
    /// <param name="last">The last grievance of a page.</param>
    /// <param name="order">The order the page was read in.</param>
    /// <returns>The cursor.</returns>
    /// <exception cref="ArgumentException"><paramref name="last"/> has no time for <paramref name="order"/> (so it cannot have come from such a page).</exception>
    public static GrievancePageCursor After(GrievanceSnapshot last, GrievanceOrder order)
    {
        ArgumentNullException.ThrowIfNull(last);
        DateTimeOffset? position = order switch
        {
            GrievanceOrder.RegistrationTime => last.RegisteredAt,
            GrievanceOrder.DueTime => last.DueAt,
            GrievanceOrder.DisposalTime => last.DisposedAt,
            _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Unknown grievance order."),
        };
        return position is { } value
            ? new(order, value, last.Id)
            : throw new ArgumentException($"Grievance {last.Id} has no {(order == GrievanceOrder.DueTime ? "due" : "disposal")} time, so it cannot end a page ordered by {order}.", nameof(last));
    }

    /// <summary>Makes the cursor that continues after a grievance, in the order of a filter.</summary>
    /// <param name="last">The last grievance of a page.</param>
    /// <param name="filter">The filter the page was read with.</param>
    /// <returns>The cursor.</returns>
    public static GrievancePageCursor After(GrievanceSnapshot last, GrievanceFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return After(last, filter.Order);
    }
}
