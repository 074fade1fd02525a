using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grievance.Workflow.WebApi.Pages;

/// <summary>
/// Filing a complaint: a signed-in complainant files their own (channel: the online portal), a helpline agent files for a caller
/// (channel: the 1076 call, the complainant's id from the call). The library refuses what it refuses; the page shows why.
/// Rate-limited like the API's registration.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Registration)]
internal sealed class FileModel(IGrievanceWorkflow workflow, IOptions<GrievanceWorkflowOptions> options, DeskView desk) : PageModel
{
    /// <summary>The districts offered (a real desk reads its list of 75).</summary>
    public static readonly string[] Districts = ["Lucknow", "Kanpur Nagar", "Varanasi", "Prayagraj", "Agra", "Gorakhpur", "Meerut", "Bareilly"];

    /// <summary>The channels a helpline agent may name.</summary>
    public static readonly string[] Channels = ["helpline-1076", "dm-portal", "tehsil-diwas", "pg-portal", "cm-office"];

    [BindProperty]
    public ComplaintForm Form { get; set; } = new();

    /// <summary>The categories the routing knows, then "other" (which goes to triage).</summary>
    public IReadOnlyList<string> Categories => [.. options.Value.Routing.CategoryDepartments.Keys.Order(StringComparer.Ordinal), "other"];

    public bool IsAgent => desk.Actor?.Role is ActorRole.HelplineAgent or ActorRole.Administrator;

    public string? Refused { get; private set; }

    public IActionResult OnGet() => desk.Actor?.Role is ActorRole.Officer ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var actor = desk.Actor!;
        if (actor.Role == ActorRole.Officer)
        {
            return Forbid();
        }

        if (IsAgent && string.IsNullOrWhiteSpace(Form.ComplainantId))
        {
            ModelState.AddModelError("Form.ComplainantId", DeskText.T("This field is required."));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var complainantId = IsAgent ? Form.ComplainantId!.Trim() : actor.Id;
        var channel = IsAgent ? (Channels.Contains(Form.Channel) ? Form.Channel! : Channels[0]) : "web-portal";
        WorkflowResult result;
        try
        {
            result = await workflow.TryRegisterAsync(
                new RegisterGrievance(
                    actor,
                    new Channel(channel),
                    new GrievanceCategory(Form.Category!),
                    new GrievanceLocation(Form.District!, Form.Tehsil, null),
                    new Complainant(complainantId, new ContactDetails(Form.Name, Form.Phone, null, null)),
                    Form.Description!),
                cancellationToken);
        }
        catch (ArgumentException ex)
        {
            Refused = ex.Message; // a value the library refuses (too long, control characters…)
            return Page();
        }

        if (!result.TryGetValue(out var done))
        {
            Refused = result.Error!.Message;
            return Page();
        }

        TempData["Notice"] = $"{DeskText.T("Your complaint is registered. Its reference number is")} {done.Grievance.ReferenceNumber}.";
        return Redirect($"/track?reference={Uri.EscapeDataString(done.Grievance.ReferenceNumber.ToString())}");
    }

    /// <summary>The complaint form.</summary>
    internal sealed class ComplaintForm
    {
        public string? Channel { get; set; }

        [Required(ErrorMessage = "Choose a category.")]
        public string? Category { get; set; }

        [Required(ErrorMessage = "Choose a district.")]
        public string? District { get; set; }

        [StringLength(100)]
        public string? Tehsil { get; set; }

        [Required(ErrorMessage = "Describe the problem.")]
        [StringLength(4000, MinimumLength = 10, ErrorMessage = "Describe the problem in 10 to 4,000 characters.")]
        public string? Description { get; set; }

        [StringLength(64)]
        public string? ComplainantId { get; set; }

        [StringLength(100)]
        public string? Name { get; set; }

        [Phone]
        [StringLength(20)]
        public string? Phone { get; set; }
    }
}
