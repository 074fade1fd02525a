using System.Globalization;
using Grievance.Workflow.Import;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Grievance.Workflow.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Demo.Import;

/// <summary>
/// Makes a realistic import source fast: eight lifecycles run once through the real engine (resolved at L1, reopened then resolved,
/// escalated to L2, closed without feedback, rejected, awaiting feedback, pending, pending past its deadline), then stamped out in
/// the proportions a state desk sees, each copy with its own id, reference number, complainant, department, district, officers and
/// dates spread over the period. Every record passes the importer's checks, because every history is one the engine wrote.
/// </summary>
/// <remarks>Thread-safe once created; the same seed gives the same records.</remarks>
public sealed class ImportGenerator
{
    private static readonly DateTimeOffset TemplateStart = new(2020, 1, 6, 4, 30, 0, TimeSpan.Zero);
    private static readonly string[] Departments = Enumerable.Range(1, 60).Select(i => "dept-" + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] Districts = Enumerable.Range(1, 75).Select(i => "district-" + i.ToString("00", CultureInfo.InvariantCulture)).ToArray();
    private static readonly Channel[] Channels = [Channel.Helpline1076, Channel.Helpline1076, Channel.Helpline1076, Channel.Web, Channel.DmPortal, Channel.TehsilDiwas, Channel.CmOffice];

    private readonly (ImportedGrievance Record, int Weight)[] _templates;
    private ImportGenerator((ImportedGrievance Record, int Weight)[] templates)
    {
        _templates = templates;
    }

    /// <summary>Runs the template lifecycles through the engine on an in-memory store.</summary>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The generator.</returns>
    public static async Task<ImportGenerator> CreateAsync(CancellationToken cancellationToken = default)
    {
        var clock = new FakeTimeProvider(TemplateStart);
        var store = new InMemoryGrievanceStore();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddGrievanceWorkflow(o =>
        {
            o.Routing.CategoryDepartments["cat"] = "d";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "d", Level = 1, Officer = "d-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "d", Level = 2, Officer = "d-l2" });
        }).UseStore(_ => store);
        await using var provider = services.BuildServiceProvider();
        var workflow = provider.GetRequiredService<IGrievanceWorkflow>();
        var agent = Actor.HelplineAgent("agent-1076");
        var l1 = Actor.Officer(new OfficerId("d-l1"), new DepartmentId("d"), 1);
        var l2 = Actor.Officer(new OfficerId("d-l2"), new DepartmentId("d"), 2);

        // weight (per 100), then the commands after registration; each step a day later.
        var paths = new (int Weight, Func<GrievanceId, GrievanceCommand>[] Steps)[]
        {
            (45, [id => new ReportAction(id, l1, "Action taken; supply restored."), id => new RecordFeedback(id, agent, FeedbackResponse.Satisfied, rating: 5)]),
            (12, [id => new ReportAction(id, l1, "Meter replaced."), id => new RecordFeedback(id, agent, FeedbackResponse.Dissatisfied, "No change.", 2), id => new ReportAction(id, l1, "Line repaired."), id => new RecordFeedback(id, agent, FeedbackResponse.Satisfied, rating: 4)]),
            (8, [id => new ReportAction(id, l1, "Bill revised."), id => new RecordFeedback(id, agent, FeedbackResponse.Dissatisfied, "Still wrong.", 1), id => new ReportAction(id, l1, "Bill revised again."), id => new RecordFeedback(id, agent, FeedbackResponse.Dissatisfied, "Still wrong.", 1), id => new ReportAction(id, l2, "Refund ordered."), id => new RecordFeedback(id, agent, FeedbackResponse.Satisfied, rating: 4)]),
            (10, [id => new ReportAction(id, l1, "Pension released.")]), // the feedback window then runs out
            (5, [id => new RejectGrievance(id, l1, "not-maintainable", "A private dispute.")]),
            (5, [id => new ReportAction(id, l1, "Road patched.")]), // still awaiting feedback at the cut-over
            (8, []), // pending with the L1 officer
            (7, [id => new AddNote(id, agent, "Complainant called again.")]), // pending, past its deadline at the cut-over
        };
        var ids = new List<GrievanceId>();
        foreach (var (_, steps) in paths)
        {
            var id = (await workflow.RegisterAsync(new RegisterGrievance(agent, Channel.Helpline1076, new GrievanceCategory("cat"), new GrievanceLocation("district"), new Complainant("citizen"), "बिजली का बिल गलत आया है — wrong electricity bill."), cancellationToken)).Grievance.Id;
            foreach (var step in steps)
            {
                clock.Advance(TimeSpan.FromDays(1));
                await workflow.ExecuteAsync(step(id), cancellationToken);
            }

            ids.Add(id);
        }

        // Open ones as they stand at the cut-over; then path 4's feedback window runs out and the sweeper closes it without feedback.
        var templates = new (ImportedGrievance, int)[paths.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            templates[i] = (await ExportAsync(store, ids[i], cancellationToken), paths[i].Weight);
        }

        clock.Advance(TimeSpan.FromDays(30));
        await provider.GetRequiredService<IGrievanceSweeper>().SweepAsync(clock.GetUtcNow(), 100, cancellationToken);
        templates[3] = (await ExportAsync(store, ids[3], cancellationToken), paths[3].Weight);
        return new ImportGenerator(templates);
    }

    private static async Task<ImportedGrievance> ExportAsync(InMemoryGrievanceStore store, GrievanceId id, CancellationToken cancellationToken)
        => new() { Grievance = (await store.FindAsync(id, cancellationToken))!, History = await store.GetHistoryAsync(id, cancellationToken) };

    /// <summary>Makes records registered over <paramref name="days"/> days from <paramref name="from"/>, lazily.</summary>
    /// <param name="count">How many.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="from">The first registration day.</param>
    /// <param name="days">The days registrations spread over.</param>
    /// <param name="pendingPercent">The share of records still pending with an officer, 0 to 100; the desk's own share (15%) when <see langword="null"/>.</param>
    /// <param name="awaitingFeedbackPercent">
    /// The share of records awaiting the complainant's feedback, 0 to 100 (most with the window run out by the period's end, so a
    /// sweep closes them); the desk's own share (5%) when <see langword="null"/>. With <paramref name="pendingPercent"/>, at most 100
    /// in all; the records of neither share keep the desk's proportions among themselves.
    /// </param>
    /// <returns>The records in registration order; reference numbers <c>IMP-{seed}-{n}</c>.</returns>
    public IEnumerable<ImportedGrievance> Generate(long count, int seed, DateTimeOffset from, int days, int? pendingPercent = null, int? awaitingFeedbackPercent = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(pendingPercent ?? 0, nameof(pendingPercent));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pendingPercent ?? 0, 100, nameof(pendingPercent));
        ArgumentOutOfRangeException.ThrowIfNegative(awaitingFeedbackPercent ?? 0, nameof(awaitingFeedbackPercent));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(awaitingFeedbackPercent ?? 0, 100 - (pendingPercent ?? 0), nameof(awaitingFeedbackPercent));
        return GenerateCore(count, seed, from, days, [(GrievanceStatus.PendingWithOfficer, pendingPercent), (GrievanceStatus.AwaitingFeedback, awaitingFeedbackPercent)]);
    }

    private IEnumerable<ImportedGrievance> GenerateCore(long count, int seed, DateTimeOffset from, int days, (GrievanceStatus Status, int? Percent)[] shares)
    {
        var random = new Random(seed);

        // A pool per status given a share, drawn with one number out of 100; the rest of the draws from the templates of no such status.
        var given = shares.Where(s => s.Percent is not null).Select(s => (s.Status, Pool: Pool(t => t.Status == s.Status), Below: s.Percent!.Value)).ToArray();
        for (var i = 1; i < given.Length; i++)
        {
            given[i].Below += given[i - 1].Below;
        }

        var rest = Pool(t => !given.Any(g => g.Status == t.Status));
        for (var n = 0L; n < count; n++)
        {
            var (pool, total) = rest;
            if (given.Length > 0)
            {
                var draw = random.Next(100);
                foreach (var share in given)
                {
                    if (draw < share.Below)
                    {
                        (pool, total) = share.Pool;
                        break;
                    }
                }
            }

            var pick = random.Next(total);
            var template = pool[0].Record;
            foreach (var (record, weight) in pool)
            {
                template = record;
                if ((pick -= weight) < 0)
                {
                    break;
                }
            }

            // In registration order, as a legacy system exports: every time-keyed index is appended to, not scattered.
            var registered = from.AddTicks(TimeSpan.FromDays(days).Ticks / count * n).AddSeconds(random.Next(60));
            var department = Departments[random.Next(Departments.Length)];
            var district = Districts[random.Next(Districts.Length)];
            var channel = Channels[random.Next(Channels.Length)];
            var withContact = random.Next(4) != 0;
            yield return Stamp(template, n, seed, registered, department, district, channel, withContact);
        }
    }

    private ((ImportedGrievance Record, int Weight)[] Templates, int Total) Pool(Func<GrievanceSnapshot, bool> member)
    {
        var templates = _templates.Where(t => member(t.Record.Grievance)).ToArray();
        return (templates, templates.Sum(t => t.Weight));
    }

    private static ImportedGrievance Stamp(ImportedGrievance template, long n, int seed, DateTimeOffset registered, string department, string district, Channel channel, bool withContact)
    {
        var id = GrievanceId.New();
        var shift = registered - template.Grievance.RegisteredAt;
        var officers = new Dictionary<string, string>(StringComparer.Ordinal) { ["d-l1"] = $"{department}-{district}-l1", ["d-l2"] = $"{department}-l2" };
        var complainant = "citizen-" + seed.ToString(CultureInfo.InvariantCulture) + "-" + n.ToString(CultureInfo.InvariantCulture);
        DateTimeOffset? Shift(DateTimeOffset? t) => t + shift;
        OfficerId? Officer(OfficerId? o) => o is { } officer ? new OfficerId(officers[officer.Value]) : null;
        DepartmentId? Department(DepartmentId? d) => d is null ? null : new DepartmentId(department);
        Actor ActorOf(Actor a) => a.Role == ActorRole.Officer ? Actor.Officer(Officer(new OfficerId(a.Id))!.Value, new DepartmentId(department), a.Level!.Value) : a;

        var t = template.Grievance;
        var grievance = t with
        {
            Id = id,
            ReferenceNumber = new ReferenceNumber($"IMP-{seed.ToString(CultureInfo.InvariantCulture)}-{n.ToString("D9", CultureInfo.InvariantCulture)}"),
            Channel = channel,
            Category = new GrievanceCategory(department + "-complaint"),
            Location = new GrievanceLocation(district),
            ComplainantId = complainant,
            Department = Department(t.Department),
            Officer = Officer(t.Officer),
            RegisteredAt = registered,
            UpdatedAt = t.UpdatedAt + shift,
            DueAt = Shift(t.DueAt),
            FeedbackDueAt = Shift(t.FeedbackDueAt),
            DisposedAt = Shift(t.DisposedAt),
            PausedAt = Shift(t.PausedAt),
            ClosedAt = Shift(t.ClosedAt),
        };
        var history = new HistoryEntry[template.History.Count];
        for (var i = 0; i < history.Length; i++)
        {
            var e = template.History[i];
            history[i] = e with
            {
                GrievanceId = id,
                OccurredAt = e.OccurredAt + shift,
                Actor = ActorOf(e.Actor),
                Department = Department(e.Department),
                Officer = Officer(e.Officer),
            };
        }

        return new ImportedGrievance
        {
            Grievance = grievance,
            History = history,
            Contact = withContact ? new ContactDetails("नागरिक " + n.ToString(CultureInfo.InvariantCulture), "+91-9" + (n % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture)) : null,
        };
    }
}
