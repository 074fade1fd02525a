using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Sweeping;

namespace Grievance.Workflow.Storage;

// Work queues and due work: scans of the grievances, keyset-paged.
public sealed partial class InMemoryGrievanceStore
{
    /// <inheritdoc />
    /// <remarks>The in-memory store scans its grievances (no index): fine for tests, demos and small desks.</remarks>
    public ValueTask<IReadOnlyList<GrievanceSnapshot>> FindAsync(GrievanceFilter filter, int limit, GrievancePageCursor? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (filter.Order is not (GrievanceOrder.RegistrationTime or GrievanceOrder.DueTime or GrievanceOrder.DisposalTime))
        {
            throw new ArgumentOutOfRangeException(nameof(filter), filter.Order, "Unknown grievance order.");
        }

        if (after is { } given && given.Order != filter.Order)
        {
            throw new ArgumentException($"The cursor was read in {given.Order} order; the filter asks for {filter.Order}.", nameof(after));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var found = new List<(DateTimeOffset Key, GrievanceSnapshot Grievance)>();
        foreach (var slot in _grievances.Values)
        {
            var g = slot.Current;
            if (filter.Matches(g))
            {
                var key = SortKey(g, filter.Order);
                if (after is not { } cursor || Compare(key, g.Id, cursor.Position, cursor.Id) > 0)
                {
                    found.Add((key, g));
                }
            }
        }

        found.Sort((a, b) => Compare(a.Key, a.Grievance.Id, b.Key, b.Grievance.Id));
        var page = new GrievanceSnapshot[Math.Min(limit, found.Count)];
        for (var i = 0; i < page.Length; i++)
        {
            page[i] = found[i].Grievance;
        }

        return new(page);
    }

    /// <inheritdoc />
    /// <remarks>The in-memory store scans its grievances (no index): fine for tests, demos and small desks.</remarks>
    public ValueTask<IReadOnlyList<DueWorkItem>> FindDueAsync(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return new(FindDue(kind, dueBy, limit, after).ConvertAll(d => d.Item));
    }

    /// <summary>Due work after the cursor in due order, each item with the snapshot it was read from.</summary>
    private List<(DueWorkItem Item, GrievanceSnapshot Grievance)> FindDue(DueWorkKind kind, DateTimeOffset dueBy, int limit, DueWorkItem? after)
    {
        var due = new List<(DueWorkItem Item, GrievanceSnapshot Grievance)>();
        foreach (var slot in _grievances.Values)
        {
            var g = slot.Current;
            var (isDue, at) = kind switch
            {
                DueWorkKind.OfficerDeadline => (g.Status == GrievanceStatus.PendingWithOfficer && !g.IsOverdue && g.DueAt <= dueBy, g.DueAt),
                DueWorkKind.FeedbackWindow => (g.Status == GrievanceStatus.AwaitingFeedback && g.FeedbackDueAt <= dueBy, g.FeedbackDueAt),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown due-work kind."),
            };
            var item = new DueWorkItem(g.Id, at.GetValueOrDefault(), g.TimerToken, g.Version);
            if (isDue && (after is not { } cursor || Compare(item, cursor) > 0))
            {
                due.Add((item, g));
            }
        }

        due.Sort(static (a, b) => Compare(a.Item, b.Item));
        return due.Count > limit ? due.GetRange(0, limit) : due;
    }

    private static DateTimeOffset SortKey(GrievanceSnapshot g, GrievanceOrder order) => order switch
    {
        GrievanceOrder.DueTime => g.DueAt!.Value,
        GrievanceOrder.DisposalTime => g.DisposedAt!.Value,
        _ => g.RegisteredAt,
    };

    private static int Compare(DueWorkItem a, DueWorkItem b) => Compare(a.DueAt, a.GrievanceId, b.DueAt, b.GrievanceId);

    private static int Compare(DateTimeOffset aTime, GrievanceId aId, DateTimeOffset bTime, GrievanceId bId)
    {
        var byTime = aTime.CompareTo(bTime);
        return byTime != 0 ? byTime : aId.Value.CompareTo(bId.Value);
    }
}
