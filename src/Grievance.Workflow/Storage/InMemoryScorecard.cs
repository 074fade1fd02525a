using System;
using System.Collections.Generic;
using Grievance.Workflow.Statistics;

namespace Grievance.Workflow.Storage;

/// <summary>
/// Adds up one scorecard group in the in-memory store, with exactly the definitions the SQL stores compute in their aggregate queries
/// (whole seconds of disposal time, the median as the mean of the two middle values).
/// </summary>
internal sealed class InMemoryScorecard
{
    private readonly List<long> _disposalSeconds = new();
    private long _received;
    private long _pending;
    private long _defaulters;
    private long _appealed;
    private long _appealsUpheld;
    private long _appealsAllowed;
    private readonly long[] _outcomes = new long[8];
    private long _withinTime;
    private long _totalSeconds;
    private long _satisfied;
    private long _dissatisfied;
    private long _dissatisfiedGrievances;
    private long _redisposed;
    private long _reopened;
    private long _escalated;
    private long _transfers;

    public void Add(GrievanceSnapshot g, DateTimeOffset asOf)
    {
        var tally = g.Tally;
        _received++;
        _transfers += g.TransferCount;
        _satisfied += tally.SatisfiedFeedback;
        _dissatisfied += tally.DissatisfiedFeedback;
        _reopened += tally.Reopened ? 1 : 0;
        _escalated += tally.Escalated ? 1 : 0;
        _dissatisfiedGrievances += tally.WasDissatisfied ? 1 : 0;
        _redisposed += tally.Redisposed ? 1 : 0;
        _appealed += tally.Appealed ? 1 : 0;
        _appealsUpheld += tally.AppealUpheld ? 1 : 0;
        _appealsAllowed += tally.AppealAllowed ? 1 : 0;
        if (g.Status != GrievanceStatus.Closed)
        {
            _pending++;
            _defaulters += g.Status == GrievanceStatus.PendingWithOfficer && g.DueAt < asOf ? 1 : 0;
            return;
        }

        _outcomes[(int)g.Outcome]++;
        _withinTime += tally.Breached ? 0 : 1;
        var seconds = (g.ClosedAt!.Value.UtcTicks - g.RegisteredAt.UtcTicks) / TimeSpan.TicksPerSecond;
        _totalSeconds += seconds;
        _disposalSeconds.Add(seconds);
    }

    public GrievanceScorecard ToScorecard(string key, bool includeMedian)
    {
        double? median = null;
        if (includeMedian && _disposalSeconds.Count > 0)
        {
            _disposalSeconds.Sort();
            var n = _disposalSeconds.Count;
            median = (_disposalSeconds[((n + 1) / 2) - 1] + _disposalSeconds[((n + 2) / 2) - 1]) / 2.0;
        }

        return new GrievanceScorecard
        {
            Key = key,
            Received = _received,
            Pending = _pending,
            Defaulters = _defaulters,
            Resolved = _outcomes[(int)GrievanceOutcome.Resolved],
            ClosedAtFinalLevel = _outcomes[(int)GrievanceOutcome.ClosedAtFinalLevel],
            ClosedNoFeedback = _outcomes[(int)GrievanceOutcome.ClosedNoFeedback],
            Rejected = _outcomes[(int)GrievanceOutcome.Rejected],
            Withdrawn = _outcomes[(int)GrievanceOutcome.Withdrawn],
            Duplicate = _outcomes[(int)GrievanceOutcome.Duplicate],
            SpecialClosed = _outcomes[(int)GrievanceOutcome.SpecialClosed],
            Appealed = _appealed,
            AppealsUpheld = _appealsUpheld,
            AppealsAllowed = _appealsAllowed,
            DisposedWithinTime = _withinTime,
            TotalDisposalSeconds = _totalSeconds,
            MedianDisposalSeconds = median,
            SatisfiedFeedback = _satisfied,
            DissatisfiedFeedback = _dissatisfied,
            DissatisfiedGrievances = _dissatisfiedGrievances,
            Redisposed = _redisposed,
            Reopened = _reopened,
            Escalated = _escalated,
            Transfers = _transfers,
        };
    }
}
