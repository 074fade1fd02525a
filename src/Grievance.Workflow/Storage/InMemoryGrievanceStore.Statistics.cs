using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage;

// Scorecards and retention.
public sealed partial class InMemoryGrievanceStore
{
    /// <inheritdoc />
    /// <remarks>The in-memory store scans its grievances; the history's part comes from each snapshot's <see cref="GrievanceSnapshot.Tally"/>.</remarks>
    public ValueTask<IReadOnlyList<GrievanceScorecard>> GetScorecardsAsync(ScorecardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var groups = new SortedDictionary<string, InMemoryScorecard>(StringComparer.Ordinal);
        foreach (var slot in _grievances.Values)
        {
            var g = slot.Current;
            if (g.RegisteredAt < query.From || g.RegisteredAt >= query.To)
            {
                continue;
            }

            var key = query.Dimension.KeyOf(g);
            if (!groups.TryGetValue(key, out var group))
            {
                groups.Add(key, group = new InMemoryScorecard());
            }

            group.Add(g, query.AsOf);
        }

        var scorecards = new List<GrievanceScorecard>(groups.Count);
        foreach (var (key, group) in groups)
        {
            scorecards.Add(group.ToScorecard(key, query.IncludeMedian));
        }

        return new(scorecards);
    }

    /// <inheritdoc />
    /// <remarks>The in-memory store scans its grievances.</remarks>
    public ValueTask<IReadOnlyList<GrievanceFlow>> GetFlowsAsync(FlowQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var groups = new SortedDictionary<string, GrievanceFlow>(StringComparer.Ordinal);
        foreach (var slot in _grievances.Values)
        {
            var g = slot.Current;
            var closedAt = g.IsClosed ? g.ClosedAt : null;
            var pendingAtStart = g.RegisteredAt < query.From && !(closedAt < query.From);
            var received = g.RegisteredAt >= query.From && g.RegisteredAt < query.To;
            var disposed = closedAt >= query.From && closedAt < query.To;
            if (!pendingAtStart && !received && !disposed)
            {
                continue;
            }

            var key = query.Dimension.KeyOf(g);
            var flow = groups.TryGetValue(key, out var found) ? found : new GrievanceFlow { Key = key };
            flow = flow with { PendingAtStart = flow.PendingAtStart + (pendingAtStart ? 1 : 0), Received = flow.Received + (received ? 1 : 0) };
            if (disposed)
            {
                flow = flow with
                {
                    Disposed = flow.Disposed + 1,
                    Resolved = flow.Resolved + (g.Outcome == GrievanceOutcome.Resolved ? 1 : 0),
                    ClosedAtFinalLevel = flow.ClosedAtFinalLevel + (g.Outcome == GrievanceOutcome.ClosedAtFinalLevel ? 1 : 0),
                    ClosedNoFeedback = flow.ClosedNoFeedback + (g.Outcome == GrievanceOutcome.ClosedNoFeedback ? 1 : 0),
                    Rejected = flow.Rejected + (g.Outcome == GrievanceOutcome.Rejected ? 1 : 0),
                    Withdrawn = flow.Withdrawn + (g.Outcome == GrievanceOutcome.Withdrawn ? 1 : 0),
                    Duplicate = flow.Duplicate + (g.Outcome == GrievanceOutcome.Duplicate ? 1 : 0),
                    SpecialClosed = flow.SpecialClosed + (g.Outcome == GrievanceOutcome.SpecialClosed ? 1 : 0),
                    DisposedWithinTime = flow.DisposedWithinTime + (g.Tally.Breached ? 0 : 1),
                    TotalDisposalSeconds = flow.TotalDisposalSeconds + ((closedAt!.Value.UtcTicks - g.RegisteredAt.UtcTicks) / TimeSpan.TicksPerSecond),
                };
            }

            groups[key] = flow;
        }

        return new(new List<GrievanceFlow>(groups.Values));
    }

    /// <inheritdoc />
    public ValueTask<int> AnonymizeClosedBeforeAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var anonymized = 0;
        foreach (var slot in _grievances.Values)
        {
            if (anonymized == limit)
            {
                break;
            }

            var g = slot.Current;
            if (g.ClosedAt < closedBefore && !Slot.IsAnonymized(g) && slot.Anonymize())
            {
                anonymized++;
            }
        }

        return new(anonymized);
    }
}
