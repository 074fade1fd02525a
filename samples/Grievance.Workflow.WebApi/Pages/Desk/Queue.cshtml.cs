using Grievance.Workflow.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grievance.Workflow.WebApi.Pages.Desk;

/// <summary>An officer's work queue: what they hold, the soonest due (so the overdue) first, keyset-paged like the API's queues.</summary>
internal sealed class QueueModel(IGrievanceQuery query, DeskView desk) : PageModel
{
    public const int PageSize = 25;

    public IReadOnlyList<GrievanceSnapshot> Items { get; private set; } = [];

    /// <summary>The next page's token, or <see langword="null"/> on the last page.</summary>
    public string? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? after, CancellationToken cancellationToken)
    {
        if (desk.Actor is not { Role: ActorRole.Officer } officer)
        {
            return Forbid();
        }

        var filter = GrievanceFilter.OfficerQueue(new OfficerId(officer.Id));
        GrievancePageCursor? cursor = null;
        if (after is not null && !PageTokens.TryRead(after, out cursor))
        {
            return BadRequest();
        }

        Items = await query.FindAsync(filter, PageSize, cursor, cancellationToken);
        Next = PageTokens.Next(Items, PageSize, filter);
        return Page();
    }
}
