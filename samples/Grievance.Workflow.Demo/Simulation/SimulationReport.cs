using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>The figures of a simulation, read back from the store through the library's queries, and their reconciliation.</summary>
public sealed record SimulationReport
{
    /// <summary>Gets what the simulator counted.</summary>
    public required SimulationTally Tally { get; init; }

    /// <summary>Gets where the data went.</summary>
    public required string Database { get; init; }

    /// <summary>Gets how many grievances are in each status, counted by paging through the store's work-queue query.</summary>
    public required IReadOnlyDictionary<GrievanceStatus, int> ByStatus { get; init; }

    /// <summary>Gets the department scorecards over the simulated period, ranked (complaints still in triage under the empty key).</summary>
    public required IReadOnlyList<RankedScorecard> Departments { get; init; }

    /// <summary>Gets the department ranking as the dashboard shows it: departments only, complaints in triage left out of the ranks.</summary>
    public required IReadOnlyList<RankedScorecard> DepartmentRanking { get; init; }

    /// <summary>Gets the scorecard of the complaints no department has yet (registered, in triage), or <see langword="null"/> when there are none.</summary>
    public required GrievanceScorecard? Triage { get; init; }

    /// <summary>Gets the seed's flow as a funnel, from every grievance's history.</summary>
    public required SeedFunnel Funnel { get; init; }

    /// <summary>Gets the district ranking over the simulated period.</summary>
    public required IReadOnlyList<RankedScorecard> Districts { get; init; }

    /// <summary>Gets the scorecards per channel.</summary>
    public required IReadOnlyList<GrievanceScorecard> Channels { get; init; }

    /// <summary>Gets the most overdue grievances at the end.</summary>
    public required IReadOnlyList<GrievanceSnapshot> TopDefaulters { get; init; }

    /// <summary>Gets the SMS the outbox subscriber sent: registrations.</summary>
    public required int SmsRegistered { get; init; }

    /// <summary>Gets the SMS the outbox subscriber sent: closures by outcome.</summary>
    public required IReadOnlyDictionary<GrievanceOutcome, int> SmsClosed { get; init; }

    /// <summary>Gets the department scorecards added up: the whole desk.</summary>
    public GrievanceScorecard Total => Sum(Departments.Select(d => d.Scorecard));

    /// <summary>Reads the figures of a finished run.</summary>
    /// <param name="provider">The run's services.</param>
    /// <param name="tally">What the simulator counted.</param>
    /// <param name="database">Where the data went.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    public static async Task<SimulationReport> ReadAsync(IServiceProvider provider, SimulationTally tally, string database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(tally);
        var statistics = provider.GetRequiredService<IGrievanceStatistics>();
        var ranking = provider.GetRequiredService<IGrievanceRanking>();
        var query = provider.GetRequiredService<IGrievanceQuery>();
        var sms = provider.GetServices<Events.IGrievanceEventSubscriber>().OfType<SmsCounter>().Single();
        var period = (From: tally.Start, To: tally.End.AddTicks(1));
        async Task<IReadOnlyList<GrievanceScorecard>> Scorecards(ScorecardDimension dimension)
            => await statistics.GetScorecardsAsync(new ScorecardQuery(dimension, period.From, period.To, tally.End), cancellationToken);

        var store = provider.GetRequiredService<Storage.IGrievanceStore>();
        var everyGrievance = new List<(GrievanceSnapshot, IReadOnlyList<HistoryEntry>)>();
        var byStatus = new Dictionary<GrievanceStatus, int>();
        foreach (var status in Enum.GetValues<GrievanceStatus>())
        {
            var count = 0;
            var filter = new GrievanceFilter { Status = status };
            GrievancePageCursor? cursor = null;
            while (true)
            {
                var page = await query.FindAsync(filter, 5_000, cursor, cancellationToken);
                count += page.Count;
                foreach (var g in page)
                {
                    everyGrievance.Add((g, await store.GetHistoryAsync(g.Id, cancellationToken)));
                }

                if (page.Count < 5_000)
                {
                    break;
                }

                cursor = GrievancePageCursor.After(page[^1], filter);
            }

            byStatus[status] = count;
        }

        var departments = await Scorecards(ScorecardDimension.Department);
        return new SimulationReport
        {
            Tally = tally,
            Database = database,
            ByStatus = byStatus,
            Departments = ranking.Rank(departments),
            DepartmentRanking = ranking.Rank(departments.Where(d => d.Key.Length > 0).ToList()),
            Triage = departments.FirstOrDefault(d => d.Key.Length == 0),
            Funnel = SeedFunnel.Of(everyGrievance),
            Districts = ranking.Rank(await Scorecards(ScorecardDimension.District)),
            Channels = await Scorecards(ScorecardDimension.Channel),
            TopDefaulters = await TopDefaultersAsync(query, tally.End, 10, cancellationToken),
            SmsRegistered = sms.Registered,
            SmsClosed = new Dictionary<GrievanceOutcome, int>(sms.Closed),
        };
    }

    /// <summary>
    /// The most overdue grievances, ties in due time broken by reference number: the store's order breaks them by id, which is
    /// random, so a cut through a tie would differ between two runs of one seed. Reads on until the due time passes the cut's.
    /// </summary>
    private static async Task<IReadOnlyList<GrievanceSnapshot>> TopDefaultersAsync(IGrievanceQuery query, DateTimeOffset asOf, int count, CancellationToken cancellationToken)
    {
        var filter = GrievanceFilter.Defaulters(asOf);
        var read = new List<GrievanceSnapshot>();
        GrievancePageCursor? cursor = null;
        while (true)
        {
            var page = await query.FindAsync(filter, 500, cursor, cancellationToken);
            read.AddRange(page);
            if (page.Count < 500 || (read.Count > count && read[^1].DueAt > read[count - 1].DueAt))
            {
                break;
            }

            cursor = GrievancePageCursor.After(page[^1], filter);
        }

        return read.OrderBy(g => g.DueAt).ThenBy(g => g.ReferenceNumber.Value, StringComparer.Ordinal).Take(count).ToList();
    }

    /// <summary>
    /// Checks that the figures agree: every registered complaint is in exactly one status; the outcomes add up to the closed ones; the
    /// department, district and channel scorecards each cover every complaint once; the SMS the outbox delivered match the
    /// registrations and closures by outcome; the workflow refused nothing.
    /// </summary>
    /// <returns>The disagreements; empty when everything reconciles.</returns>
    public IReadOnlyList<string> Reconcile()
    {
        var problems = new List<string>();
        void Check(bool ok, string what)
        {
            if (!ok)
            {
                problems.Add(what);
            }
        }

        var registered = Tally.Registered;
        var total = Total;
        Check(ByStatus.Values.Sum() == registered, $"statuses add up to {ByStatus.Values.Sum()}, not the {registered} registered");
        Check(total.Received == registered, $"department scorecards received {total.Received}, not {registered}");
        Check(Sum(Districts.Select(d => d.Scorecard)).Received == registered, "district scorecards do not cover every complaint once");
        Check(Sum(Channels).Received == registered, "channel scorecards do not cover every complaint once");
        Check(total.Disposed == ByStatus[GrievanceStatus.Closed], $"scorecards dispose of {total.Disposed}, the store holds {ByStatus[GrievanceStatus.Closed]} closed");
        var outcomes = Enum.GetValues<GrievanceOutcome>().Where(o => o != GrievanceOutcome.None).Sum(total.CountOf);
        Check(outcomes == total.Disposed, $"outcomes add up to {outcomes}, not the {total.Disposed} closed");
        Check(total.Pending == registered - ByStatus[GrievanceStatus.Closed], "pending is not registered minus closed");
        Check(SmsRegistered == registered, $"{SmsRegistered} registration SMS for {registered} complaints");
        foreach (var outcome in Enum.GetValues<GrievanceOutcome>().Where(o => o != GrievanceOutcome.None))
        {
            // With appeals, a closure may be told twice (upheld) or told and then undone (under appeal, or allowed): never fewer.
            Check(Tally.Options.Appeals ? SmsClosed.GetValueOrDefault(outcome) >= total.CountOf(outcome) : SmsClosed.GetValueOrDefault(outcome) == total.CountOf(outcome),
                $"{SmsClosed.GetValueOrDefault(outcome)} closure SMS for {total.CountOf(outcome)} {outcome}");
        }

        Check(Funnel.Registered == registered, $"the funnel starts from {Funnel.Registered}, not the {registered} registered");
        Check(Funnel.Resolved == total.Resolved && Funnel.ClosedAtFinalLevel == total.ClosedAtFinalLevel, "the funnel's endings differ from the scorecards'");
        Check(Funnel.InTriage + Funnel.AwaitingFeedback + Funnel.UnderAppeal + Funnel.PendingByLevel.Values.Sum() == registered - ByStatus[GrievanceStatus.Closed], "the funnel's pending complaints are not every open one");
        Check(Tally.EscalationsByReason.Values.Sum() >= total.Escalated, "fewer escalations counted than escalated complaints");
        Check(Tally.Refused == 0, $"the workflow refused {Tally.Refused} commands");
        Check(Tally.Options.Intake || (Tally.IntakeRefused == 0 && Tally.LikelyDuplicates == 0), "intake acted though it was off");
        Check(Tally.Options.Appeals || total.Appealed == 0, "grievances were appealed though appeals were off");
        Check(total.AppealsUpheld + total.AppealsAllowed <= total.Appealed, "more appeals decided than appealed");
        Check(Tally.LikelyDuplicates <= total.Duplicate, $"{Tally.LikelyDuplicates} likely duplicates confirmed, but only {total.Duplicate} closed as duplicates");
        return problems;
    }

    private static GrievanceScorecard Sum(IEnumerable<GrievanceScorecard> cards)
    {
        var all = cards.ToList();
        return new GrievanceScorecard
        {
            Key = "all",
            Received = all.Sum(c => c.Received),
            Pending = all.Sum(c => c.Pending),
            Defaulters = all.Sum(c => c.Defaulters),
            Resolved = all.Sum(c => c.Resolved),
            ClosedAtFinalLevel = all.Sum(c => c.ClosedAtFinalLevel),
            ClosedNoFeedback = all.Sum(c => c.ClosedNoFeedback),
            Rejected = all.Sum(c => c.Rejected),
            Withdrawn = all.Sum(c => c.Withdrawn),
            Duplicate = all.Sum(c => c.Duplicate),
            SpecialClosed = all.Sum(c => c.SpecialClosed),
            Appealed = all.Sum(c => c.Appealed),
            AppealsUpheld = all.Sum(c => c.AppealsUpheld),
            AppealsAllowed = all.Sum(c => c.AppealsAllowed),
            DisposedWithinTime = all.Sum(c => c.DisposedWithinTime),
            TotalDisposalSeconds = all.Sum(c => c.TotalDisposalSeconds),
            SatisfiedFeedback = all.Sum(c => c.SatisfiedFeedback),
            DissatisfiedFeedback = all.Sum(c => c.DissatisfiedFeedback),
            DissatisfiedGrievances = all.Sum(c => c.DissatisfiedGrievances),
            Redisposed = all.Sum(c => c.Redisposed),
            Reopened = all.Sum(c => c.Reopened),
            Escalated = all.Sum(c => c.Escalated),
            Transfers = all.Sum(c => c.Transfers),
        };
    }
}
