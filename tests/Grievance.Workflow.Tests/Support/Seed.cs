using Grievance.Workflow.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Grievance.Workflow.Tests.Support;

/// <summary>The UP CM Helpline 1076 seed set-up: one electricity department with an L1 and an L2 officer, on a fake clock.</summary>
public sealed class Seed : IDisposable
{
    /// <summary>Monday 2 November 2026, 04:30 UTC. The default calendar counts working days in UTC with Sunday off, so a 7-day limit
    /// from here ends on Tuesday 10 November (8 calendar days).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 4, 30, 0, TimeSpan.Zero);

    public static readonly DepartmentId Uppcl = new("uppcl");
    public static readonly DepartmentId Revenue = new("revenue");
    public static readonly OfficerId UppclL1 = new("uppcl-l1");
    public static readonly OfficerId UppclL2 = new("uppcl-l2");
    public static readonly OfficerId RevenueL1 = new("revenue-l1");

    public static readonly Actor Agent = Actor.HelplineAgent("agent-7");
    public static readonly Actor Admin = Actor.Administrator("admin-1");
    public static readonly Actor OfficerL1 = Actor.Officer(UppclL1, Uppcl, 1);
    public static readonly Actor OfficerL2 = Actor.Officer(UppclL2, Uppcl, 2);
    public static readonly Actor RevenueOfficer = Actor.Officer(RevenueL1, Revenue, 1);
    public static readonly Actor Citizen = Actor.Complainant("citizen-42");

    private readonly ServiceProvider _provider;

    public Seed(Action<GrievanceWorkflowOptions>? configure = null, Action<IGrievanceWorkflowBuilder>? build = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        var builder = services.AddGrievanceWorkflow(o =>
        {
            o.Routing.CategoryDepartments["electricity"] = Uppcl.Value;
            o.Routing.CategoryDepartments["land"] = Revenue.Value;
            o.Routing.Officers.Add(new OfficerAssignment { Department = Uppcl.Value, Level = 1, Officer = UppclL1.Value });
            o.Routing.Officers.Add(new OfficerAssignment { Department = Uppcl.Value, Level = 2, Officer = UppclL2.Value });
            o.Routing.Officers.Add(new OfficerAssignment { Department = Revenue.Value, Level = 1, Officer = RevenueL1.Value });
            configure?.Invoke(o);
        });
        builder.UseInMemoryStore(); // a test's build may choose another
        build?.Invoke(builder);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Workflow = _provider.GetRequiredService<IGrievanceWorkflow>();
    }

    public FakeTimeProvider Clock { get; }

    public IGrievanceWorkflow Workflow { get; }

    public IServiceProvider Services => _provider;

    public static RegisterGrievance Complaint(string category = "electricity", Channel? channel = null, string description = "बिजली का बिल गलत आया है — wrong electricity bill for October.", GrievanceLocation? location = null)
        => new(Agent, channel ?? Channel.Helpline1076, new GrievanceCategory(category, "billing"), location ?? new GrievanceLocation("Lucknow", "Sadar", "Ward 12"),
            new Complainant(Citizen.Id, new ContactDetails("Ram Prasad", "+91-9800000042", "ram@example.org", "12 Hazratganj, Lucknow")), description);

    public async Task<GrievanceSnapshot> RegisterAsync(string category = "electricity")
        => (await Workflow.RegisterAsync(Complaint(category))).Grievance;

    public async Task<GrievanceSnapshot> ReportAsync(GrievanceSnapshot g, Actor? officer = null, string report = "Bill corrected and revised bill sent.")
    {
        Clock.Advance(TimeSpan.FromDays(2));
        return (await Workflow.ExecuteAsync(new ReportAction(g.Id, officer ?? OfficerL1, report))).Grievance;
    }

    public async Task<GrievanceSnapshot> FeedbackAsync(GrievanceSnapshot g, FeedbackResponse response, string? reason = null)
    {
        Clock.Advance(TimeSpan.FromDays(1));
        return (await Workflow.ExecuteAsync(new RecordFeedback(g.Id, Agent, response, reason ?? (response == FeedbackResponse.Dissatisfied ? "Still wrong." : null)))).Grievance;
    }

    /// <summary>The types of the events one command recorded in the outbox, in their order.</summary>
    public async Task<List<Grievance.Workflow.Events.GrievanceEventType>> EventsOfAsync(HistoryEntry entry)
        => (await Services.GetRequiredService<Grievance.Workflow.Events.IOutboxStore>().ReadAsync(0, 10_000, default))
            .Where(m => m.Event.GrievanceId == entry.GrievanceId && m.Event.Sequence == entry.Sequence).Select(m => m.Event.Type).ToList();

    public void Dispose() => _provider.Dispose();
}
