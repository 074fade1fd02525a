using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grievance.Workflow.Events;
using Grievance.Workflow.Intake;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Statistics;
using Grievance.Workflow.Sweeping;
using Grievance.Workflow.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Demo.Simulation;

/// <summary>
/// Simulates the UP CM Helpline 1076 on the library's public API, the way a host app runs it: complaints arrive through the
/// channels all day, officers act after random delays (some late), the call centre takes feedback (some complainants unreachable,
/// some dissatisfied), the due-work sweeper and the outbox dispatcher run every simulated hour.
/// </summary>
/// <remarks>
/// Time moves in quarter-hours; within one, the commands of different grievances run in parallel. Every grievance draws its story
/// from its own random generator, seeded from <see cref="SimulationOptions.Seed"/>, so the same seed gives the same figures however
/// the commands interleave.
/// </remarks>
public static partial class HelplineSimulator
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(15);

    private static readonly double[] HourWeights = [0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.0, 1.4, 1.6, 1.7, 1.7, 1.6, 1.5, 1.5, 1.5, 1.4, 1.3, 1.1, 1.0, 0.9, 0.8, 0.6, 0.4];

    private const double RepeatShare = 0.05;

    private const double AppealShare = 1 / 3.0;

    private static readonly string[] RejectionCodes = ["sub-judice", "private-dispute", "not-maintainable", "policy-matter"];

    /// <summary>Runs a simulation to the end and reads its figures back from the store.</summary>
    /// <param name="options">What to simulate.</param>
    /// <param name="store">The store.</param>
    /// <param name="connection">The connection string, or <see langword="null"/> for the default.</param>
    /// <param name="progress">Told of progress every simulated quarter-hour, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The figures.</returns>
    public static async Task<SimulationReport> RunAsync(SimulationOptions options, StoreKind store, string? connection, IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = new FakeTimeProvider(HelplineDesk.Start);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddMetrics();
        // Reference numbers from the seed too, so that two runs with one seed can be diffed down to the numbers.
        var builder = services.AddGrievanceWorkflow(o =>
            {
                HelplineDesk.Configure(o);
                o.Appeals.Enabled = options.Appeals;
                if (options.Intake)
                {
                    (o.Intake.Enabled, o.Intake.MaxPerDay, o.Intake.MaxPerCategoryPerDay) = (true, 5, 2);
                    (o.Intake.AtLimit, o.Intake.DuplicateWindow) = (IntakeLimitAction.Refuse, TimeSpan.FromDays(30));
                }
            })
            .AddEventSubscriber<SmsCounter>()
            .UseReferenceNumberGenerator(new SeededReferenceNumberGenerator(options.Seed, HelplineDesk.ReferenceNumberPrefix));
        await StoreSetup.UseFreshAsync(builder, store, connection);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        using var escalations = new EscalationListener(provider.GetRequiredService<IMeterFactory>());

        var run = new Run(provider, clock, options);
        var stopwatch = Stopwatch.StartNew();
        await run.SimulateAsync(progress, cancellationToken);
        stopwatch.Stop();
        return await SimulationReport.ReadAsync(provider, run.Tally(stopwatch.Elapsed, escalations.Counts), StoreSetup.Describe(store, connection), cancellationToken);
    }

    /// <summary>One simulation: the event queue, the grievances' stories, the tallies.</summary>
    private sealed partial class Run
    {
        private readonly IGrievanceWorkflow _workflow;
        private readonly IGrievanceSweeper _sweeper;
        private readonly IOutboxDispatcher _dispatcher;
        private readonly FakeTimeProvider _clock;
        private readonly SimulationOptions _options;
        private readonly PriorityQueue<Step, (long Ticks, int Case, int Order)> _queue = new();
        private readonly List<Case> _cases = new();
        private readonly DateTimeOffset _end;
        private readonly Actor _agent = Actor.HelplineAgent("cc-agent");
        private readonly Actor _triage = Actor.Administrator("triage-desk");
        private readonly Actor _cmOffice = Actor.Administrator("cm-office");
        private readonly Actor _appellate = Actor.Administrator("appellate-authority");
        private long _commands;
        private long _refused;
        private long _sweeperActions;
        private long _intakeRefused;
        private long _likelyDuplicates;
        private int _registered;
        private int _order;

        public Run(IServiceProvider provider, FakeTimeProvider clock, SimulationOptions options)
        {
            _workflow = provider.GetRequiredService<IGrievanceWorkflow>();
            _sweeper = provider.GetRequiredService<IGrievanceSweeper>();
            _dispatcher = provider.GetRequiredService<IOutboxDispatcher>();
            _clock = clock;
            _options = options;
            _end = HelplineDesk.Start.AddDays(options.Days);
            var master = new Random(options.Seed);
            for (var day = 0; day < options.Days; day++)
            {
                var offsets = Enumerable.Range(0, options.PerDay)
                    .Select(_ => TimeSpan.FromHours(PickHour(master)) + TimeSpan.FromSeconds(master.Next(3600)))
                    .Order()
                    .ToArray();
                var today = new List<(Case Case, TimeSpan At)>();
                foreach (var offset in offsets)
                {
                    var c = new Case(_cases.Count, master.Next());
                    _cases.Add(c);
                    if (options.Intake && master.NextDouble() < RepeatShare)
                    {
                        c.RepeatOf = EarlierCaller(master, today, offset);
                    }

                    today.Add((c, offset));
                    Schedule(c, StepKind.Arrive, HelplineDesk.Start.AddDays(day) + offset);
                }
            }
        }

        public async Task SimulateAsync(IProgress<SimulationProgress>? progress, CancellationToken cancellationToken)
        {
            var total = (_end - HelplineDesk.Start).Ticks;
            var ticks = 0;
            for (var now = HelplineDesk.Start + Tick; now <= _end; now += Tick)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _clock.SetUtcNow(now);
                var due = new List<Step>();
                while (_queue.TryPeek(out _, out var at) && at.Ticks < now.UtcTicks)
                {
                    due.Add(_queue.Dequeue());
                }

                var next = new ConcurrentBag<(Case Case, StepKind Kind, DateTimeOffset At)>();
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken }, async (step, ct) =>
                {
                    if (await ActAsync(step, ct) is { } follow)
                    {
                        next.Add((step.Case, follow.Kind, now + follow.After));
                    }
                });
                foreach (var (c, kind, at) in next.OrderBy(n => n.Case.Index))
                {
                    Schedule(c, kind, at);
                }

                if (++ticks % 4 == 0 || now == _end)
                {
                    await HourlyAsync(now, cancellationToken);
                }

                progress?.Report(new SimulationProgress(now, (now - HelplineDesk.Start).Ticks / (double)total, Volatile.Read(ref _registered), Interlocked.Read(ref _commands)));
            }
        }

        public SimulationTally Tally(TimeSpan elapsed, IReadOnlyDictionary<string, long> escalations) => new()
        {
            Options = _options,
            Start = HelplineDesk.Start,
            End = _end,
            Registered = _registered,
            Commands = _commands,
            SweeperActions = _sweeperActions,
            Refused = _refused,
            IntakeRefused = _intakeRefused,
            LikelyDuplicates = _likelyDuplicates,
            Elapsed = elapsed,
            EscalationsByReason = escalations,
        };

        // The due-work sweeper and the outbox dispatcher, as a host runs them on a timer.
        private async Task HourlyAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            SweepResult sweep;
            do
            {
                sweep = await _sweeper.SweepAsync(now, 1_000, cancellationToken);
                _sweeperActions += sweep.Escalated + sweep.FlaggedOverdue + sweep.ClosedNoFeedback + sweep.FeedbackWindowsRearmed;
            }
            while (sweep.HasMore);

            DispatchResult dispatch;
            do
            {
                dispatch = await _dispatcher.DispatchAsync(2_000, cancellationToken);
            }
            while (dispatch.HasMore);
        }

        private void Schedule(Case c, StepKind kind, DateTimeOffset at)
        {
            if (at < _end)
            {
                _queue.Enqueue(new Step(c, kind), (at.UtcTicks, c.Index, _order++));
            }
        }

        private async Task<(StepKind Kind, TimeSpan After)?> ActAsync(Step step, CancellationToken ct)
        {
            var next = await ActOnceAsync(step, ct);
            var c = step.Case;
            if (next is null && _options.Appeals && !c.Appealed && c.Last is { Outcome: GrievanceOutcome.ClosedAtFinalLevel or GrievanceOutcome.Rejected } && c.Random.NextDouble() < AppealShare)
            {
                // Where the story ended in a closure the complainant disputes: an appeal within days.
                return (StepKind.Appeal, Days(c.Random, 1, 10));
            }

            return next;
        }

        private async Task<(StepKind Kind, TimeSpan After)?> ActOnceAsync(Step step, CancellationToken ct)
        {
            var c = step.Case;
            var r = c.Random;
            try
            {
                switch (step.Kind)
                {
                    case StepKind.Arrive:
                        return await ArriveAsync(c, ct);
                    case StepKind.Route:
                        var department = HelplineDesk.RealDepartments[r.Next(HelplineDesk.RealDepartments.Length)];
                        return FirstOfficerStep(c, await ExecuteAsync(c, new RouteGrievance(c.Id, _triage, new DepartmentId(department)), ct));
                    case StepKind.MarkDuplicate:
                        var original = c.Original ?? _cases[c.Index / 2].Reference;
                        if (original is null || c.Last!.IsClosed)
                        {
                            return null;
                        }

                        await ExecuteAsync(c, new MarkDuplicate(c.Id, _agent, original.Value, "Same complaint registered earlier."), ct);
                        return null;
                    case StepKind.Withdraw:
                        if (!c.Last!.IsClosed)
                        {
                            await ExecuteAsync(c, new WithdrawGrievance(c.Id, Actor.Complainant(c.ComplainantId), "Resolved locally."), ct);
                        }

                        return null;
                    case StepKind.Clarify:
                        await ExecuteAsync(c, new ProvideClarification(c.Id, Actor.Complainant(c.ComplainantId), "Khasra number and the date of the application."), ct);
                        return (StepKind.OfficerActs, Days(r, 1, 3));
                    case StepKind.OfficerActs:
                        return await OfficerActsAsync(c, ct);
                    case StepKind.ReviewDefaulter:
                        return await ReviewDefaulterAsync(c, ct);
                    case StepKind.Appeal:
                        c.Appealed = true;
                        await ExecuteAsync(c, new AppealGrievance(c.Id, Actor.Complainant(c.ComplainantId), "The disposal did not address the complaint."), ct);
                        return (StepKind.DecideAppeal, Days(r, 3, 15));
                    case StepKind.DecideAppeal:
                        return await DecideAppealAsync(c, ct);
                    default:
                        return await FeedbackCallAsync(c, ct);
                }
            }
            catch (GrievanceWorkflowException)
            {
                Interlocked.Increment(ref _refused); // never expected: the reconciliation reports it
                return null;
            }
        }

        private async Task<GrievanceSnapshot> ExecuteAsync(Case c, GrievanceCommand command, CancellationToken ct)
        {
            var result = await _workflow.TryExecuteAsync(command, ct);
            if (!result.TryGetValue(out var done))
            {
                c.Last = await _workflow.GetAsync(command.GrievanceId, ct);
                if (!c.Last.IsClosed)
                {
                    throw result.Error!;
                }

                return c.Last;
            }

            Interlocked.Increment(ref _commands);
            return c.Last = done.Grievance;
        }

        private static Plan PickPlan(Random r, int index)
        {
            var roll = r.NextDouble();
            return roll switch
            {
                < 0.03 => Plan.Reject,
                < 0.07 => Plan.Transfer,
                < 0.10 => Plan.Clarify,
                < 0.12 => Plan.Extend,
                < 0.13 => Plan.Withdraw,
                < 0.14 when index >= 20 => Plan.Duplicate,
                _ => Plan.Normal,
            };
        }

        private static int PickHour(Random r)
        {
            var hours = Enumerable.Range(0, 24).ToArray();
            return HelplineDesk.Pick(r, hours, h => HourWeights[h]);
        }

        /// <summary>An earlier caller of the same day who calls again at least an hour later (never one of the same quarter-hour, whose registration may still be running), or <see langword="null"/>.</summary>
        private static Case? EarlierCaller(Random r, List<(Case Case, TimeSpan At)> today, TimeSpan at)
        {
            // Frequent callers: every tenth complainant of the day's last few hundred calls again, so some call a third time.
            var candidates = today.Where(x => x.At <= at - TimeSpan.FromHours(1) && x.Case.RepeatOf is null && x.Case.Index % 10 == 0).TakeLast(30).ToList();
            return candidates.Count == 0 ? null : candidates[r.Next(candidates.Count)].Case;
        }

        private static TimeSpan Days(Random r, int min, int max) => TimeSpan.FromHours((min * 24) + r.Next((max - min) * 24));
    }
}
