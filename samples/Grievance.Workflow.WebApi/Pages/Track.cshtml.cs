using System.ComponentModel.DataAnnotations;
using Grievance.Workflow.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Grievance.Workflow.WebApi.Pages;

/// <summary>
/// "Where is my complaint?": anyone with the reference number sees the anonymous view (no text); the complainant, signed in, sees
/// the disposal reports and notes addressed to them and gives feedback when it is asked for. Rate-limited like the API's tracking.
/// </summary>
[EnableRateLimiting(RateLimits.Tracking)]
internal sealed class TrackModel(IGrievanceWorkflow workflow, DeskView desk) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Reference { get; set; }

    public GrievanceTracking? Tracking { get; private set; }

    /// <summary>Whether the signed-in complainant filed it (so the view has its texts).</summary>
    public bool IsOwn { get; private set; }

    /// <summary>Whether the complainant may give feedback now.</summary>
    public bool AsksFeedback { get; private set; }

    /// <summary>The grievance's version, sent back with the feedback (a stale form is refused, not applied).</summary>
    public long Version { get; private set; }

    public bool NotFoundReference { get; private set; }

    /// <summary>The grievance's desk page, for staff who may read it (an agent with a caller on the line, say).</summary>
    public GrievanceId? DeskPage { get; private set; }

    [BindProperty]
    public FeedbackForm Feedback { get; set; } = new();

    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostFeedbackAsync(long version, CancellationToken cancellationToken)
    {
        if (desk.Actor is not { Role: ActorRole.Complainant } actor || Reference is null)
        {
            return Forbid();
        }

        if (Feedback.Response == FeedbackResponse.Dissatisfied && string.IsNullOrWhiteSpace(Feedback.Reason))
        {
            ModelState.AddModelError("Feedback.Reason", DeskText.T("This field is required."));
        }

        var grievance = Read(Reference) is { } reference ? await workflow.FindByReferenceAsync(reference, cancellationToken) : null;
        if (grievance is null || grievance.ComplainantId != actor.Id)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var command = new RecordFeedback(grievance.Id, actor, Feedback.Response, Feedback.Reason, Feedback.Rating) { ExpectedVersion = version };
            var result = await workflow.TryExecuteAsync(command, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Notice"] = DeskText.T("Thank you. Your feedback is recorded.");
                return Redirect($"/track?reference={Uri.EscapeDataString(Reference)}");
            }

            Refused = Messages.Of(result.Error!);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Reference))
        {
            return;
        }

        if (Read(Reference) is not { } reference)
        {
            NotFoundReference = true;
            return;
        }

        try
        {
            // For a signed-in user, one read of the grievance decides whose view this is: the complainant's own or a staff member's.
            var grievance = desk.Actor is null ? null : await workflow.FindByReferenceAsync(reference, cancellationToken);
            if (desk.Actor is { Role: ActorRole.Complainant } actor && grievance?.ComplainantId == actor.Id)
            {
                Tracking = await workflow.TrackForComplainantAsync(reference, actor, cancellationToken);
                IsOwn = true;
                Version = grievance.Version;
                var permitted = await workflow.GetPermittedActionsAsync(grievance.Id, actor, cancellationToken);
                AsksFeedback = permitted.Contains(GrievanceAction.RecordSatisfied);
            }
            else
            {
                Tracking = await workflow.TrackAsync(reference, cancellationToken);
                if (desk.Actor is { Role: not ActorRole.Complainant } staff && grievance is not null && ReadAccess.CanRead(staff, grievance))
                {
                    DeskPage = grievance.Id;
                }
            }
        }
        catch (GrievanceNotFoundException)
        {
            NotFoundReference = true;
        }
    }

    private static ReferenceNumber? Read(string text)
    {
        try
        {
            return new ReferenceNumber(text.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The complainant's feedback.</summary>
    internal sealed class FeedbackForm
    {
        public FeedbackResponse Response { get; set; } = FeedbackResponse.Satisfied;

        [Range(1, 5)]
        public int? Rating { get; set; }

        [StringLength(2000)]
        public string? Reason { get; set; }
    }
}
