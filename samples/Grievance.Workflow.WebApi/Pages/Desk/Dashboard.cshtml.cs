using System.Globalization;
using Grievance.Workflow.Queries;
using Grievance.Workflow.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grievance.Workflow.WebApi.Pages.Desk;

/// <summary>
/// The supervisor's dashboard for a month: the IGRS-style ranking by department and by district, the defaulters, the funnel from
/// registration to closure, and registrations against disposals per day. Officers and administrators; an officer's defaulters
/// are their department's.
/// </summary>
internal sealed class DashboardModel(
    IGrievanceStatistics statistics, IGrievanceRanking ranking, IGrievanceFlowReports flows, IGrievanceQuery query, DeskView desk) : PageModel
{
    private const int ChartDays = 14;

    public string Month { get; private set; } = "";

    public IReadOnlyList<RankedScorecard> Departments { get; private set; } = [];

    public IReadOnlyList<RankedScorecard> Districts { get; private set; } = [];

    public IReadOnlyList<GrievanceSnapshot> Defaulters { get; private set; } = [];

    public IReadOnlyList<(string Step, long Count)> Funnel { get; private set; } = [];

    public IReadOnlyList<DailyChart.DayCounts> Days { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? month, CancellationToken cancellationToken)
    {
        if (desk.Actor is not { Role: ActorRole.Officer or ActorRole.Administrator } actor)
        {
            return Forbid();
        }

        var now = desk.Now;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, desk.Zone).DateTime);
        var first = month is not null && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)
            ? asked : new DateOnly(today.Year, today.Month, 1);
        Month = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (from, to) = (Start(first), Start(first.AddMonths(1)));

        var byDepartment = await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.Department, from, to, now), cancellationToken);
        Departments = ranking.Rank(byDepartment);
        Districts = ranking.Rank(await statistics.GetScorecardsAsync(new ScorecardQuery(ScorecardDimension.District, from, to, now), cancellationToken));
        Defaulters = await query.FindAsync(ReadAccess.Scope(actor, GrievanceFilter.Defaulters(now))!, 20, null, cancellationToken);

        long Sum(Func<GrievanceScorecard, long> of) => byDepartment.Sum(of);
        Funnel =
        [
            ("Registered", Sum(c => c.Received)),
            ("Feedback calls answered", Sum(c => c.SatisfiedFeedback + c.DissatisfiedFeedback)),
            ("Dissatisfied at least once", Sum(c => c.DissatisfiedGrievances)),
            ("Escalated to a higher level", Sum(c => c.Escalated)),
            ("Closed (disposed)", Sum(c => c.Disposed)),
            ("Resolved (satisfied)", Sum(c => c.Resolved)),
        ];

        var days = new List<DailyChart.DayCounts>(ChartDays);
        for (var day = today.AddDays(1 - ChartDays); day <= today; day = day.AddDays(1))
        {
            var counts = await flows.GetFlowsAsync(new FlowQuery(ScorecardDimension.Department, Start(day), Start(day.AddDays(1))), cancellationToken);
            days.Add(new(day, counts.Sum(f => f.Received), counts.Sum(f => f.Disposed)));
        }

        Days = days;
        return Page();
    }

    private DateTimeOffset Start(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, desk.Zone.GetUtcOffset(midnight));
    }
}
