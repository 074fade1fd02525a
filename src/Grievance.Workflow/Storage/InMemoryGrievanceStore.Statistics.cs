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
    /// <remarks>The in-memory store scans its grievances and decodes the history of those in the period.</remarks>
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

            var key = query.Dimension switch
            {
                ScorecardDimension.Department => g.Department?.Value ?? string.Empty,
                ScorecardDimension.District => g.Location.District,
                ScorecardDimension.Officer => g.Officer?.Value ?? string.Empty,
                _ => g.Channel.Code,
            };
            if (!groups.TryGetValue(key, out var group))
            {
                groups.Add(key, group = new InMemoryScorecard());
            }

            group.Add(g, slot.ReadHistory(g.Version), query.AsOf);
        }

        var scorecards = new List<GrievanceScorecard>(groups.Count);
        foreach (var (key, group) in groups)
        {
            scorecards.Add(group.ToScorecard(key));
        }

        return new(scorecards);
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
