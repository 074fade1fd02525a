using Grievance.Workflow.Authorization;
using Grievance.Workflow.Clocks;
using Grievance.Workflow.Engine;
using Grievance.Workflow.Escalation;
using Grievance.Workflow.Feedback;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Registration;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.Benchmarks;

/// <summary>A workflow on the in-memory store with the seed's routing, built the way a host app builds it.</summary>
internal static class BenchmarkWorkflow
{
    public static readonly Actor Agent = Actor.HelplineAgent("agent-1");
    public static readonly Actor L1 = Actor.Officer(new OfficerId("uppcl-l1"), new DepartmentId("uppcl"), 1);
    public static readonly Actor L2 = Actor.Officer(new OfficerId("uppcl-l2"), new DepartmentId("uppcl"), 2);

    public static readonly RegisterGrievance Complaint = new(
        Agent,
        Channel.Helpline1076,
        new GrievanceCategory("electricity", "billing"),
        new GrievanceLocation("Lucknow", "Sadar"),
        new Complainant("citizen-1"),
        "Electricity bill for October is wrong.");

    public static ServiceProvider Build(Action<IGrievanceWorkflowBuilder>? build = null)
    {
        var builder = new ServiceCollection().AddGrievanceWorkflow(o =>
        {
            o.Routing.CategoryDepartments["electricity"] = "uppcl";
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, Officer = "uppcl-l1" });
            o.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 2, Officer = "uppcl-l2" });
        });
        builder.UseInMemoryStore();
        build?.Invoke(builder);
        return builder.Services.BuildServiceProvider();
    }

    /// <summary>
    /// The same engine, wired from the same container, but the naive way with Stateless: each complaint gets its own machine,
    /// built the first time it is touched and kept with it (the "entity owns its StateMachine" pattern).
    /// </summary>
    public static IGrievanceWorkflow NaiveMachinePerComplaint(IServiceProvider services)
    {
        var machines = new Dictionary<GrievanceId, GrievanceLifecycle>();
        return new GrievanceEngine(
            services.GetRequiredService<IGrievanceStore>(),
            services.GetRequiredService<IRoutingPolicy>(),
            services.GetRequiredService<IEscalationPolicy>(),
            services.GetRequiredService<IFeedbackPolicy>(),
            services.GetRequiredService<IAuthorizationPolicy>(),
            services.GetRequiredService<IReferenceNumberGenerator>(),
            services.GetRequiredService<IBusinessCalendar>(),
            services.GetRequiredService<IOptions<GrievanceWorkflowOptions>>(),
            TimeProvider.System,
            id => machines.TryGetValue(id, out var machine) ? machine : machines[id] = GrievanceLifecycle.CreateDetached());
    }
}
