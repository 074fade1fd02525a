using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Grievance.Workflow;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Grievance.Workflow.Hosting;
using Grievance.Workflow.Hosting.HealthChecks;
using Grievance.Workflow.Sqlite;
using Grievance.Workflow.WebApi;
using Grievance.Workflow.WebApi.Authentication;
using Grievance.Workflow.WebApi.Pages;
using Microsoft.AspNetCore.Localization;

// A grievance desk on the library — its HTTP API and its pages: the workflow on an SQLite file, the background jobs and the
// health checks in the host, every command and query as an endpoint behind JWT bearer tokens, an OpenAPI document, RFC 9457
// problems for every error, rate limits on tracking and registration, and the server-rendered pages (Pages/) behind a sign-in
// cookie. Run it with `dotnet run --project samples/Grievance.Workflow.WebApi` and open http://localhost:5080.
var builder = WebApplication.CreateBuilder(args);
// A complaint is text, never a file: a body over 64 KiB (Limits:MaxRequestBodyBytes) is refused with a 413 problem.
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 64 * 1024);
builder.Services.AddGrievanceWorkflow(builder.Configuration.GetSection(GrievanceWorkflowOptions.SectionName))
    .UseSqliteStore(builder.Configuration.GetConnectionString("Grievances") ?? "Data Source=grievances.db")
    .AddBackgroundJobs(builder.Configuration.GetSection(BackgroundJobsOptions.SectionName));
builder.Services.AddHealthChecks().AddGrievanceWorkflowChecks(tags: ["ready"]);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    // A response the framework made (a binding error, an unknown route, a wrong method or media type) gets a code like ours.
    var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
    if (!c.ProblemDetails.Extensions.ContainsKey("code"))
    {
        c.ProblemDetails.Extensions["code"] = Problems.CodeOf(status);
        c.ProblemDetails.Type = Problems.TypeBase + Problems.CodeOf(status);
    }
});
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    o.SerializerOptions.AllowDuplicateProperties = false; // {"report": "a", "report": "b"} is refused, not "last wins"
});
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // so BadRequestHandler can say what could not be read
builder.Services.AddOpenApi(DeskOpenApi.Configure);
builder.Services.AddDeskAuthentication(builder.Configuration);
builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/Desk").AuthorizePage("/File"));
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<DeskView>();
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    var perMinute = builder.Configuration.GetSection("RateLimits");
    o.AddPolicy(RateLimits.Tracking, http => RateLimits.PerClient(http, perMinute.GetValue("TrackingPerMinute", 60)));
    o.AddPolicy(RateLimits.Registration, http => RateLimits.PerClient(http, perMinute.GetValue("RegistrationsPerMinute", 120)));
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseStaticFiles();
app.UseRequestLocalization(new RequestLocalizationOptions().SetDefaultCulture(DeskText.Cultures[0]).AddSupportedCultures(DeskText.Cultures).AddSupportedUICultures(DeskText.Cultures));
app.UseStatusCodePages(); // every error status gets a problem body, whoever set it
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapOpenApi();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync }); // the process answers
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthJson.WriteAsync });
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthJson.WriteAsync });
app.MapGrievanceEndpoints();
app.MapCommandEndpoints();
app.MapQueueEndpoints();
app.MapStatisticsEndpoints();
app.MapDevelopmentTokens();
app.MapRazorPages();
app.MapGet("/language", (string culture, string? returnUrl, HttpResponse response) =>
{
    // The language switch: a cookie the localization middleware reads, then back to the page (only a local one).
    if (DeskText.Cultures.Contains(culture))
    {
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
}).ExcludeFromDescription();
app.Run();

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
