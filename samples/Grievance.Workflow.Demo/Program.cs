using Grievance.Workflow;
using Grievance.Workflow.DependencyInjection;
using Grievance.Workflow.Lifecycle;
using Grievance.Workflow.Routing;
using Grievance.Workflow.Sqlite;
using Microsoft.Extensions.DependencyInjection;

// The CM Helpline 1076 seed story, run through the library exactly as a host app would: DI, commands, history, on the embedded
// SQLite store (a file in the current folder).
var database = Path.GetFullPath("grievances.db");
var services = new ServiceCollection();
services.AddGrievanceWorkflow(options =>
{
    options.Routing.CategoryDepartments["electricity"] = "uppcl";
    options.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 1, District = "Lucknow", Officer = "uppcl-je-lucknow" });
    options.Routing.Officers.Add(new OfficerAssignment { Department = "uppcl", Level = 2, District = "Lucknow", Officer = "uppcl-xen-lucknow" });
    options.Calendar.TimeZoneId = "Asia/Kolkata";
}).UseSqliteStore($"Data Source={database}");
await using var provider = services.BuildServiceProvider();
var workflow = provider.GetRequiredService<IGrievanceWorkflow>();

var agent = Actor.HelplineAgent("agent-017");
var l1 = Actor.Officer(new OfficerId("uppcl-je-lucknow"), new DepartmentId("uppcl"), 1);
var l2 = Actor.Officer(new OfficerId("uppcl-xen-lucknow"), new DepartmentId("uppcl"), 2);

await RunAsync("Satisfied at the first feedback call", FeedbackResponse.Satisfied);
await RunAsync("Dissatisfied once: back to L1, then satisfied", FeedbackResponse.Dissatisfied, FeedbackResponse.Satisfied);
await RunAsync("Dissatisfied twice: L2 disposes, complainant satisfied", FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied, FeedbackResponse.Satisfied);
await RunAsync("Dissatisfied three times: closed at the final level (not resolved)", FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied, FeedbackResponse.Dissatisfied);

Console.WriteLine($"Database: {database}");
Console.WriteLine();
Console.WriteLine("Lifecycle (Mermaid):");
Console.WriteLine(GrievanceLifecycleDiagram.ToMermaid());

async Task RunAsync(string title, params FeedbackResponse[] feedback)
{
    var registered = await workflow.RegisterAsync(new RegisterGrievance(
        agent,
        Channel.Helpline1076,
        new GrievanceCategory("electricity", "billing"),
        new GrievanceLocation("Lucknow", "Sadar"),
        new Complainant("citizen-" + Guid.NewGuid().ToString("N")[..8], new ContactDetails(phone: "+91-98XXXXXXXX")),
        "Electricity bill for October is wrong."));
    var grievance = registered.Grievance;

    foreach (var response in feedback)
    {
        var officer = grievance.Level == 1 ? l1 : l2;
        grievance = (await workflow.ExecuteAsync(new ReportAction(grievance.Id, officer, $"Action taken at L{grievance.Level}."))).Grievance;
        var reason = response == FeedbackResponse.Dissatisfied ? "The bill is still wrong." : null;
        grievance = (await workflow.ExecuteAsync(new RecordFeedback(grievance.Id, agent, response, reason))).Grievance;
    }

    Console.WriteLine($"== {title}");
    Console.WriteLine($"   {grievance.ReferenceNumber}: {grievance.Status} / {grievance.Outcome} at L{grievance.Level}, version {grievance.Version}");
    foreach (var entry in await workflow.GetHistoryAsync(grievance.Id))
    {
        Console.WriteLine($"   #{entry.Sequence} {entry.Action,-18} {entry.FromStatus} L{entry.FromLevel} -> {entry.ToStatus} L{entry.ToLevel}  by {entry.Actor}{(entry.ReasonCode is null ? "" : $"  [{entry.ReasonCode}]")}");
    }

    Console.WriteLine();
}
