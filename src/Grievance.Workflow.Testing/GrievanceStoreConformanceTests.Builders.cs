using System;
using System.Linq;
using Grievance.Workflow.Events;
using Grievance.Workflow.Intake;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Grievance.Workflow.Testing;

// The kit's engine, clock and the snapshots, entries and events it writes.
public abstract partial class GrievanceStoreConformanceTests
{
    private static (IGrievanceWorkflow Workflow, ManualClock Clock, ServiceProvider Provider) Engine(IGrievanceStore store, bool escalateOnBreach = false, Action<IGrievanceWorkflowBuilder>? build = null)
    {
        var clock = new ManualClock(Start);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        var builder = services.AddGrievanceWorkflow(o =>
        {
            o.ConcurrencyRetryLimit = 50;
            o.Routing.CategoryDepartments["electricity"] = "uppcl";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, Officer = "uppcl-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 2, Officer = "uppcl-l2" });
            o.Routing.CategoryDepartments["revenue"] = "revenue";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "revenue", Level = 1, Officer = "revenue-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "revenue", Level = 2, Officer = "revenue-l2" });
            if (escalateOnBreach)
            {
                o.Escalation.OnBreach = Escalation.BreachAction.EscalateToNextLevel;
            }
        }).UseStore(_ => store);
        build?.Invoke(builder);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IGrievanceWorkflow>(), clock, provider);
    }

    /// <summary>An electricity complaint from Lucknow taken by the helpline, from <paramref name="complainant"/>.</summary>
    private static RegisterGrievance ElectricityComplaint(string description, string complainant = "citizen-42")
        => new(Agent, Channel.Helpline1076, new GrievanceCategory("electricity"), new GrievanceLocation("Lucknow"), new Complainant(complainant), description);

    private static (GrievanceSnapshot Grievance, HistoryEntry Entry, ContactDetails Contact) FullyPopulated()
    {
        var id = GrievanceId.New();
        var grievance = new GrievanceSnapshot
        {
            Id = id,
            ReferenceNumber = new ReferenceNumber("GRV-261102-FULL0001"),
            Channel = new Channel("thana-samadhan-diwas"),
            Category = new GrievanceCategory("revenue", "mutation"),
            Location = new GrievanceLocation("Prayagraj", "Phulpur", "ग्राम सराय"),
            ComplainantId = "citizen-७",
            Description = string.Concat(Enumerable.Repeat("खसरा-खतौनी में नाम गलत। ", 400))[..GrievanceLimits.MaxTextLength],
            Status = GrievanceStatus.Closed,
            Outcome = GrievanceOutcome.Duplicate,
            Level = 3,
            Department = new DepartmentId("revenue"),
            Officer = new OfficerId("tehsildar-phulpur"),
            ReopenCounts = new LevelCounts([1, 0, 2]),
            TransferCount = 2,
            UnreachableAttempts = 1,
            RegisteredAt = Start,
            UpdatedAt = Start.AddDays(3).AddTicks(12345),
            DueAt = Start.AddDays(9),
            FeedbackDueAt = Start.AddDays(10),
            TimerToken = 7,
            IsOverdue = true,
            DisposedAt = Start.AddDays(2),
            PausedAt = Start.AddDays(1),
            ExtensionCount = 1,
            ClosedAt = Start.AddDays(3).AddTicks(12345),
            RejectionReasonCode = "sub-judice",
            DuplicateOf = new ReferenceNumber("GRV-261101-ORIG0001"),
            SpecialClosureReasonCode = "outside-jurisdiction",
            LikelyDuplicates = new ReferenceNumberList([new ReferenceNumber("GRV-261101-ORIG0001"), new ReferenceNumber("GRV-261031-ज़मीन, खसरा 12")]),
            IntakeFlag = IntakeLimit.PerCategoryPerDay,
            AppealCount = 2,
            AppealedOutcome = GrievanceOutcome.Rejected, // any value a column holds: the store does not judge it
            Version = 1,
        };
        var entry = new HistoryEntry
        {
            GrievanceId = id,
            Sequence = 1,
            OccurredAt = Start.AddTicks(1),
            Actor = Actor.Officer(new OfficerId("tehsildar-phulpur"), new DepartmentId("revenue"), 3),
            Action = GrievanceAction.MarkDuplicate,
            FromStatus = GrievanceStatus.PendingWithOfficer,
            ToStatus = GrievanceStatus.Closed,
            Outcome = GrievanceOutcome.Duplicate,
            FromLevel = 2,
            ToLevel = 3,
            Department = new DepartmentId("revenue"),
            Officer = new OfficerId("tehsildar-phulpur"),
            Text = "डुप्लिकेट — see the original. 😀 " + new string('x', 100),
            ReasonCode = "GRV-261101-ORIG0001",
            Rating = 4,
            IsInternal = true,
            CommandId = new CommandId("cmd-full-1"),
        };
        return (grievance, entry, new ContactDetails("सीता देवी", "+91-9000000001", "sita@example.org", "ग्राम सराय, फूलपुर"));
    }

    private static GrievanceSnapshot Minimal(GrievanceId id, string reference) => new()
    {
        Id = id,
        ReferenceNumber = new ReferenceNumber(reference),
        Channel = Channel.Web,
        Category = new GrievanceCategory("electricity"),
        Location = new GrievanceLocation("Lucknow"),
        ComplainantId = "c-1",
        Description = "x",
        Status = GrievanceStatus.Registered,
        RegisteredAt = Start,
        UpdatedAt = Start,
        Version = 1,
    };

    private static HistoryEntry FirstEntry(GrievanceSnapshot g, CommandId? commandId) => new()
    {
        GrievanceId = g.Id,
        Sequence = 1,
        OccurredAt = Start,
        Actor = Agent,
        Action = GrievanceAction.Register,
        FromStatus = GrievanceStatus.Registered,
        ToStatus = g.Status,
        FromLevel = 1,
        ToLevel = 1,
        Text = "first",
        CommandId = commandId,
    };

    private static GrievanceChange Next(GrievanceSnapshot current, string text, CommandId? commandId = null)
    {
        var next = current with { Version = current.Version + 1, UpdatedAt = current.UpdatedAt.AddMinutes(1) };
        return new GrievanceChange(next, new HistoryEntry
        {
            GrievanceId = current.Id,
            Sequence = next.Version,
            OccurredAt = next.UpdatedAt,
            Actor = Agent,
            Action = GrievanceAction.AddNote,
            FromStatus = current.Status,
            ToStatus = current.Status,
            FromLevel = current.Level,
            ToLevel = current.Level,
            Text = text,
            CommandId = commandId,
        });
    }

    private static GrievanceEvent Event(GrievanceSnapshot g, long sequence, int index) => new()
    {
        GrievanceId = g.Id,
        ReferenceNumber = g.ReferenceNumber,
        Sequence = sequence,
        Index = index,
        Type = index == 0 ? GrievanceEventType.Registered : GrievanceEventType.Routed,
        OccurredAt = Start.AddSeconds(sequence),
        Channel = g.Channel,
        Status = g.Status,
        Outcome = g.Outcome,
        Level = g.Level,
        Department = new DepartmentId("uppcl"),
        Officer = null,
        DueAt = Start.AddDays(7),
    };
}
