using System.Text.Json.Serialization;
using Grievance.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Hosting;
using Grievance.Workflow.Hosting.HealthChecks;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.WebApi;

// A grievance desk's HTTP API on the library: the workflow on an SQLite file, the background jobs and the health checks in the
// host, and a handful of endpoints. Run it with `dotnet run --project samples/Grievance.Workflow.WebApi`.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGrievanceWorkflow(builder.Configuration.GetSection(GrievanceWorkflowOptions.SectionName))
    .UseSqliteStore(builder.Configuration.GetConnectionString("Grievances") ?? "Data Source=grievances.db")
    .AddBackgroundJobs(builder.Configuration.GetSection(BackgroundJobsOptions.SectionName));
builder.Services.AddHealthChecks().AddGrievanceWorkflowChecks(tags: ["ready"]);
builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

var app = builder.Build();
app.UseExceptionHandler();
app.MapHealthChecks("/health");
app.MapGrievanceEndpoints();
app.MapQueueEndpoints();
app.Run();

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
