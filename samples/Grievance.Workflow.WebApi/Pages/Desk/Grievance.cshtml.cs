using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.WebApi.Pages.Desk;

/// <summary>
/// A grievance for the staff: its facts, its history as a timeline, and a button for exactly each action the library permits the
/// signed-in user now (its permitted-actions query). Each form carries the version it was made from: a form that went stale while
/// someone else acted is refused with the concurrency message, never applied over their change.
/// </summary>
internal sealed class GrievanceModel(IGrievanceWorkflow workflow, IOptions<GrievanceWorkflowOptions> options, DeskView desk) : PageModel
{

    public GrievanceSnapshot Grievance { get; private set; } = null!;

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    /// <summary>The actions offered as buttons: the permitted ones a person takes.</summary>
    public IReadOnlyList<GrievanceAction> Actions { get; private set; } = [];

    [BindProperty]
    public ActionForm Form { get; set; } = new();

    /// <summary>The action whose form a refused post reopens.</summary>
    public GrievanceAction? Open { get; private set; }

    public string? Refused { get; private set; }

    /// <summary>The departments a grievance may be routed or transferred to.</summary>
    public IReadOnlyList<string> Departments { get; } = options.Value.Routing.CategoryDepartments.Values
        .Concat(options.Value.Routing.Officers.Select(o => o.Department)).Where(d => !string.IsNullOrEmpty(d)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The special closure reason codes the desk allows.</summary>
    public IReadOnlyList<string> SpecialClosureCodes { get; } = [.. options.Value.SpecialClosure.ReasonCodes];

    public Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (desk.Actor is not { } actor || !GrievanceId.TryParse(id, out var grievanceId))
        {
            return NotFound();
        }

        try
        {
            var result = await workflow.TryExecuteAsync(Form.ToCommand(grievanceId, actor, desk.Zone), cancellationToken);
            if (result.TryGetValue(out var done))
            {
                TempData["Notice"] = $"{ActionForm.ButtonLabel(Form.Action)}: done. Now {DeskView.Words(done.Grievance.Status)}.";
                return Redirect($"/desk/grievances/{grievanceId}");
            }

            Refused = Messages.Of(result.Error!);
        }
        catch (ArgumentException ex)
        {
            ModelState.AddModelError("Form." + ActionForm.FieldOf(ex.ParamName), ex.Message.Split(" (Parameter")[0]);
        }

        Open = Form.Action;
        return await LoadAsync(id, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (desk.Actor is not { Role: not ActorRole.Complainant } actor)
        {
            return Forbid(); // complainants follow their grievances on the tracking page
        }

        if (!GrievanceId.TryParse(id, out var grievanceId))
        {
            return NotFound();
        }

        try
        {
            Grievance = await workflow.GetAsync(grievanceId, cancellationToken);
        }
        catch (GrievanceNotFoundException)
        {
            return NotFound();
        }

        if (!ReadAccess.CanRead(actor, Grievance))
        {
            return NotFound();
        }

        History = ReadAccess.History(actor, await workflow.GetHistoryAsync(grievanceId, cancellationToken));
        Actions = (await workflow.GetPermittedActionsAsync(grievanceId, actor, cancellationToken)).Where(ActionForm.IsOffered).ToList();
        return Page();
    }
}
